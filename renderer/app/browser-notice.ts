// Window errors that are not failures of the app and must not reach the user as "kesalahan tak terduga".
/**
 * Chromium reports a ResizeObserver whose callback changed layout again ("ResizeObserver loop completed with
 * undelivered notifications") as a window error with no Error object. It is a notice, not a failure: the
 * observations are delivered in the next frame. Showing it as "kesalahan tak terduga" alarmed users mid-session.
 */
export function isBenignBrowserNotice(event: ErrorEvent | PromiseRejectionEvent): boolean {
  return !('reason' in event) && !event.error && /^ResizeObserver loop/.test(event.message ?? '');
}
