/**
 * Same-device login (docs/protocol.md section 4, "Login safety"): a QR code cannot be scanned by the
 * screen that shows it, so a login page on a phone also offers `qrContent` as an "Open in the app"
 * link, which the app's own link handling opens.
 */

/** What the page knows of the device; every field may be missing. */
export interface DeviceHints {
  userAgent?: string;
  /** `navigator.maxTouchPoints`. */
  maxTouchPoints?: number;
  /** The shorter side of the screen in CSS pixels. */
  shortSide?: number;
}

const MOBILE_UA = /Android|iPhone|iPod|iPad|Mobile|Windows Phone|HarmonyOS|OpenHarmony/i;
/** The shorter side of the largest phones is about 480 CSS px; small tablets start near 600. */
const PHONE_SHORT_SIDE = 600;

/** Whether this looks like a phone: a mobile User-Agent, or a touch screen of a phone's size. */
export function onPhone(h: DeviceHints): boolean {
  if (MOBILE_UA.test(h.userAgent || '')) return true;
  const touch = (h.maxTouchPoints || 0) > 0;
  return touch && h.shortSide !== undefined && h.shortSide > 0 && h.shortSide <= PHONE_SHORT_SIDE;
}

/** The hints of the running page; none outside a browser. */
export function thisDevice(): DeviceHints {
  if (typeof navigator === 'undefined') return {};
  const s = typeof screen === 'undefined' ? undefined : Math.min(screen.width, screen.height);
  return { userAgent: navigator.userAgent, maxTouchPoints: navigator.maxTouchPoints, shortSide: s };
}

/** The link to offer, or undefined: only http(s) URLs become links, whatever the server sent. */
export function appLinkFor(qrContent: string | undefined, phone: boolean): string | undefined {
  return phone && qrContent && /^https?:\/\//i.test(qrContent) ? qrContent : undefined;
}
