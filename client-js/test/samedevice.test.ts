// @vitest-environment happy-dom
// Same-device login: which devices get the "Open in the app" link, and how the default UI shows it.
import { describe, expect, it } from 'vitest';
import { appLinkFor, onPhone } from '../src/samedevice.js';
import { createUi, TEXTS } from '../src/qrui.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36';
const DESKTOP = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36';

describe('onPhone', () => {
  it('takes a mobile User-Agent as a phone whatever the screen says', () => {
    expect(onPhone({ userAgent: IPHONE })).toBe(true);
    expect(onPhone({ userAgent: ANDROID, maxTouchPoints: 0, shortSide: 1200 })).toBe(true);
  });

  it('takes a touch screen of a phone size as a phone, even with a desktop User-Agent', () => {
    expect(onPhone({ userAgent: DESKTOP, maxTouchPoints: 5, shortSide: 390 })).toBe(true);
  });

  it('leaves desktops, touch laptops and narrow desktop windows alone', () => {
    expect(onPhone({ userAgent: DESKTOP, maxTouchPoints: 0, shortSide: 1080 })).toBe(false);
    expect(onPhone({ userAgent: DESKTOP, maxTouchPoints: 10, shortSide: 900 })).toBe(false);
    expect(onPhone({ userAgent: DESKTOP, maxTouchPoints: 0, shortSide: 390 })).toBe(false);
    expect(onPhone({})).toBe(false);
  });
});

describe('appLinkFor', () => {
  it('offers http(s) content on a phone only', () => {
    expect(appLinkFor('https://example.com/qr?k=K', true)).toBe('https://example.com/qr?k=K');
    expect(appLinkFor('https://example.com/qr?k=K', false)).toBeUndefined();
    expect(appLinkFor('javascript:alert(1)', true)).toBeUndefined();
    expect(appLinkFor(undefined, true)).toBeUndefined();
  });
});

describe('the default UI', () => {
  it('shows the link while the code waits, and hides it once scanned', () => {
    document.body.innerHTML = '<div id="login"></div>';
    const ui = createUi(document.getElementById('login')!, TEXTS, () => undefined);
    const link = () => document.querySelector('.qrpush-open') as HTMLAnchorElement;
    const refresh = () => Promise.resolve();
    ui.update({ state: 'waiting', qr: null, qrContent: 'https://example.com/qr?k=K', refresh });
    expect(link().hidden).toBe(true);
    ui.update({ state: 'waiting', qr: null, qrContent: 'https://example.com/qr?k=K', appLink: 'https://example.com/qr?k=K', refresh });
    expect(link().hidden).toBe(false);
    expect(link().getAttribute('href')).toBe('https://example.com/qr?k=K');
    expect(link().textContent).toBe('Open in the app');
    ui.update({ state: 'scanned', qr: null, appLink: 'https://example.com/qr?k=K', refresh });
    expect(link().hidden).toBe(true);
  });
});
