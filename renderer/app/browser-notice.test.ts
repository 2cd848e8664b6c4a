import { describe, expect, it } from 'vitest';
import { isBenignBrowserNotice } from './browser-notice';

type Ev = Parameters<typeof isBenignBrowserNotice>[0];
const errorEvent = (message: string, error: unknown): Ev => ({ message, error }) as unknown as Ev;

describe('isBenignBrowserNotice', () => {
  it("ignores Chromium's ResizeObserver loop notices (no Error object)", () => {
    expect(
      isBenignBrowserNotice(errorEvent('ResizeObserver loop completed with undelivered notifications.', null)),
    ).toBe(true);
    expect(isBenignBrowserNotice(errorEvent('ResizeObserver loop limit exceeded', undefined))).toBe(true);
  });

  it('keeps real errors, including one whose message mentions ResizeObserver', () => {
    expect(isBenignBrowserNotice(errorEvent('Uncaught TypeError: x is undefined', new TypeError('x')))).toBe(false);
    expect(isBenignBrowserNotice(errorEvent('ResizeObserver loop', new Error('thrown by our code')))).toBe(false);
    expect(isBenignBrowserNotice(errorEvent('Script error.', null))).toBe(false);
  });

  it('keeps unhandled promise rejections', () => {
    expect(isBenignBrowserNotice({ reason: new Error('boom') } as unknown as Ev)).toBe(false);
  });
});
