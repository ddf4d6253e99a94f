// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { wsUrlFor } from '../src/loginapi.js';
import { parseSvg } from '../src/svg.js';

describe('parseSvg', () => {
  it('accepts a QR drawing and strips event handlers', () => {
    const el = parseSvg('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/><path d="M0 0h1" onclick="x()"/></svg>', document);
    expect(el.localName).toBe('svg');
    expect(el.getAttribute('onload')).toBeNull();
    expect(el.querySelector('path')!.getAttribute('onclick')).toBeNull();
    expect(el.querySelector('path')!.getAttribute('d')).toBe('M0 0h1');
  });

  it.each([
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>',
    '<html><body>not svg</body></html>',
  ])('refuses %s', (text) => {
    expect(() => parseSvg(text, document)).toThrow();
  });
});

describe('wsUrlFor', () => {
  it.each([
    ['http://localhost:8080', 'ws://localhost:8080/ws'],
    ['https://push.example.com/', 'wss://push.example.com/ws'],
    ['https://example.com/push', 'wss://example.com/push/ws'],
  ])('%s → %s', (server, url) => {
    expect(wsUrlFor(server)).toBe(url);
  });
});
