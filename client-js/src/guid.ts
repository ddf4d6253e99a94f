/**
 * A 128-bit random id, hex. Made on the client so that a publish retried after a reconnect
 * carries the same guid and the server's dedupe window can drop the copy.
 */
export function makeGuid(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] + 256).toString(16).slice(1);
  return out;
}
