// A minimal menu in Bahasa Indonesia: print, quit, the main and projector windows, view controls, about.
// The application menu is shared by every window on Windows and Linux, so the projector window can bring back a
// closed main window (Ctrl+1); Ctrl+P prints the focused window as in a browser, the projector is Ctrl+Shift+P.
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { APP_VERSION } from '../backend/version';

export interface MenuActions {
  openProjector(): void;
  showMainWindow(): void;
}

export function printFocusedWindow(): void {
  const win = BrowserWindow.getFocusedWindow();
  if (win && !win.isDestroyed()) win.webContents.print({ printBackground: true });
}

export function installMenu(actions: MenuActions): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Berkas',
      submenu: [
        { label: 'Cetak…', accelerator: 'CmdOrCtrl+P', click: printFocusedWindow },
        { type: 'separator' },
        { label: 'Keluar', role: 'quit' },
      ],
    },
    {
      label: 'Tampilan',
      submenu: [
        { label: 'Jendela utama', accelerator: 'CmdOrCtrl+1', click: actions.showMainWindow },
        { label: 'Buka jendela proyektor', accelerator: 'CmdOrCtrl+Shift+P', click: actions.openProjector },
        { type: 'separator' },
        { label: 'Perbesar', role: 'zoomIn' },
        { label: 'Perkecil', role: 'zoomOut' },
        { label: 'Ukuran normal', role: 'resetZoom' },
        { label: 'Layar penuh', role: 'togglefullscreen' },
        ...(app.isPackaged
          ? []
          : ([
              { type: 'separator' },
              { label: 'Muat ulang', role: 'reload' },
              { role: 'toggleDevTools' },
            ] as MenuItemConstructorOptions[])),
      ],
    },
    {
      label: 'Bantuan',
      submenu: [
        {
          label: 'Tentang Pleno',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'Tentang Pleno',
              message: `Pleno ${APP_VERSION}`,
              detail: 'Alat rekapitulasi hasil penghitungan suara tingkat kecamatan (PPK). Bekerja tanpa internet.',
            }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
