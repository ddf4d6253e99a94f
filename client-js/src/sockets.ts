import { QrPushError } from './errors.js';
import { StreamSocket, streamUrlFor } from './streamsocket.js';
import type { Candidate } from './transports.js';
import type { ClientOptions, SocketLike } from './types.js';

/**
 * A socket of the given transport (docs/protocol.md section 8): the page's (or the options')
 * WebSocket, or the HTTP stream behind the same face. `alive` hears the stream's heartbeats.
 * Throws `no_websocket` when WebSocket is asked for and there is none.
 */
export function openSocket(c: Candidate, o: Readonly<ClientOptions & { maxFrameBytes: number }>, alive: () => void): SocketLike {
  if (c.name === 'stream') {
    // Called as a plain function: a browser's fetch refuses to run as a method of another object.
    const f: typeof fetch = (input, init) => (o.fetch || fetch)(input, init);
    return new StreamSocket(o.streamUrl || streamUrlFor(o.url), { fetch: f, padded: c.padded, maxFrameBytes: o.maxFrameBytes, alive });
  }
  const Ctor = o.WebSocket || (globalThis as { WebSocket?: ClientOptions['WebSocket'] }).WebSocket;
  if (!Ctor) throw new QrPushError(0, 'no_websocket', 'no WebSocket: pass options.WebSocket');
  return new Ctor(o.url);
}
