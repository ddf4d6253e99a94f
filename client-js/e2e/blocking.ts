// The three proxies that push traffic meets in the wild and that HTTP streaming must get through
// (docs/protocol.md section 8), as byte relays in the e2e TcpProxy:
// - 'refuse-upgrade': answers every WebSocket upgrade with 403 (a proxy that forbids WebSocket);
// - 'close-upgrade': lets the upgrade through (the page sees its socket open), relays nothing
//   more, and closes the connection 100 ms later (a proxy that kills upgraded connections; were
//   frames relayed for those 100 ms, the authorize would be answered and WebSocket counted as
//   working, and a proxy that lets 100 ms of frames through is not one WebSocket fails on);
// - 'buffer': holds the body of every WebSocket upgrade and event stream back until 64 KB of it
//   have passed (the head goes through at once), as proxies that buffer responses do. A real one
//   buffers every answer until it is complete or its buffer is full; the page's other answers
//   are small and complete, so holding only the endless ones is the same to the page.
// Requests are recognised by the first bytes of a chunk from the browser: Chromium writes a
// request head in one piece, and nothing else in these tests starts with a request line.
import type { Socket } from 'node:net';

export type Blocking = 'none' | 'refuse-upgrade' | 'close-upgrade' | 'buffer';

/** The bytes a buffering proxy collects before it lets a body through. */
export const BUFFER_BYTES = 64 * 1024;

const FORBIDDEN = 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/**
 * Relays `client` ⇄ `upstream` (the caller handles errors and closes), misbehaving as `how` says;
 * `blocked` is called for each request it misbehaved on.
 */
export function relayBlocking(client: Socket, upstream: Socket, how: Exclude<Blocking, 'none'>, blocked: () => void): void {
  let hold = false; // the answer now coming is held back (its head passes)
  let headDone = false;
  let relayUp = true;
  const held: Buffer[] = [];
  let heldBytes = 0;
  let pending = Buffer.alloc(0); // answer bytes before the end of its head

  client.on('data', (chunk: Buffer) => {
    const start = chunk.toString('latin1', 0, Math.min(chunk.length, 4096));
    const upgrade = /^GET /.test(start) && /\r\nupgrade:\s*websocket/i.test(start.split('\r\n\r\n')[0]);
    const stream = /^POST \/stream[ ?]/.test(start);
    if (upgrade || (stream && how === 'buffer')) blocked();
    if (upgrade && how === 'refuse-upgrade') {
      client.end(FORBIDDEN);
      upstream.destroy();
      return;
    }
    if (upgrade && how === 'close-upgrade') {
      upstream.write(chunk);
      relayUp = false;
      [hold, headDone] = [true, false];
      return;
    }
    if ((upgrade || stream) && how === 'buffer') [hold, headDone] = [true, false];
    if (relayUp) upstream.write(chunk);
  });

  upstream.on('data', (chunk: Buffer) => {
    if (!hold) return void client.write(chunk);
    if (!headDone) {
      pending = Buffer.concat([pending, chunk]);
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      headDone = true;
      client.write(pending.subarray(0, end + 4));
      chunk = pending.subarray(end + 4);
      pending = Buffer.alloc(0);
      if (how === 'close-upgrade') setTimeout(() => client.destroy(), 100);
    }
    if (how === 'close-upgrade') return; // nothing after the head, ever
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes < BUFFER_BYTES) return;
    client.write(Buffer.concat(held));
    held.length = 0;
    hold = false; // the buffer is through: the rest flows
  });
}
