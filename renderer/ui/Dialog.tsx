// Dialog: the native modal <dialog> (focus trap, Esc, backdrop), with a title, a body and a footer of actions.
// Focus on opening: the element marked `data-autofocus` (else the browser's first focusable one); on closing, by
// Escape, a button, or the dialog leaving the page, focus goes back to what opened it, never to <body>.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './Button';

export interface DialogProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** The dialog's action buttons: the footer is "Batal" (closes, as Escape does) and then these. */
  actions?: ReactNode;
  /** "Batal" cannot be pressed (while the action runs and cannot be stopped). */
  cancelDisabled?: boolean;
  /** 'start': docked to the left edge with a clear backdrop, so what it is about (a photo on the right) stays visible. */
  placement?: 'center' | 'start';
}

export function Dialog({ open, title, onClose, children, placement = 'center', ...foot }: DialogProps) {
  const footer = foot.actions ? (
    <>
      <Button onClick={onClose} disabled={foot.cancelDisabled}>
        Batal
      </Button>
      {foot.actions}
    </>
  ) : (
    foot.footer
  );
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Focus goes back to what opened the dialog (not to <body>) when it closes, by Escape or a button.
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && d.open) {
      d.close();
      returnFocus(opener);
    }
  }, [open]);
  // A dialog rendered only while open (`{open && <XDialog/>}`) leaves the page without closing first.
  useEffect(() => () => returnFocus(opener), []);
  return (
    <dialog
      ref={ref}
      className={placement === 'start' ? 'dialog dialog-start' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
          </div>
          <div className="dialog-body">{children}</div>
          {footer && <div className="dialog-foot">{footer}</div>}
        </>
      )}
    </dialog>
  );
}

/** Focuses the element that opened the dialog, if it is still on the page and nothing else took the focus. */
function returnFocus(opener: { current: Element | null }): void {
  const o = opener.current;
  opener.current = null;
  if (!(o instanceof HTMLElement)) return;
  // After an unmount the focused element was removed with the dialog: the focus is on <body> by the next frame.
  requestAnimationFrame(() => {
    const a = document.activeElement;
    if (o.isConnected && (a === document.body || a === null || !a.isConnected)) o.focus();
  });
}
