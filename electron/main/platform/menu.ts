// A minimal menu in Bahasa Indonesia: quit, view controls, projector, about.
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { APP_VERSION } from '../backend/version';

export function installMenu(openProjector: () => void): void {
  const template: MenuItemConstructorOptions[] = [
    { label: 'Berkas', submenu: [{ label: 'Keluar', role: 'quit' }] },
    {
      label: 'Tampilan',
      submenu: [
        { label: 'Buka jendela proyektor', accelerator: 'CmdOrCtrl+P', click: openProjector },
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
