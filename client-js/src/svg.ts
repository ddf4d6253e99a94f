/**
 * Turns the server's QR SVG text into an element we can insert inline (inline, not <img>, so a
 * page can recolour it with CSS). Only the few elements a QR drawing needs are accepted and event
 * attributes are stripped: a compromised or misconfigured server must not get script into the
 * login page through this path.
 */
const ALLOWED = ['svg', 'path', 'rect', 'g', 'title', 'desc'];

export function parseSvg(text: string, doc: Document): Element {
  const root = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  if (!root || root.localName !== 'svg') throw new Error('not an SVG');
  const all = [root, ...Array.from(root.querySelectorAll('*'))];
  for (const el of all) {
    if (ALLOWED.indexOf(el.localName) < 0) throw new Error('unexpected <' + el.localName + '> in QR SVG');
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name) || /href$/i.test(a.name)) el.removeAttribute(a.name);
    }
  }
  return doc.importNode(root, true);
}
