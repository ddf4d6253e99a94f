import { SseParser } from './sse.js';
import type { SocketLike } from './types.js';
import { Uplink } from './uplink.js';

/** The bytes of padding a stream asks for when a buffering proxy is suspected (the server's cap). */
export const STREAM_PADDING = 65536;

/** How long a stream whose uplink was answered 404 may still end by itself, with the server's word. */
export const STREAM_GONE_GRACE = 1000;

/** What `up` throws for a 404: the server no longer knows the session. */
const GONE = 'gone';

export interface StreamSocketOptions {
  fetch: typeof fetch;
  /** Ask the server for padding before the first event (a buffering proxy is suspected). */
  padded: boolean;
  /** The most frame bytes in one uplink batch. */
  maxFrameBytes: number;
  /** Called for every heartbeat comment: the stream is alive although no frame came. */
  alive: () => void;
}

/** `wss://push.example.com/base/ws` → `https://push.example.com/base`: where `/stream` and `/emulation` live. */
export function streamUrlFor(wsUrl: string): string {
  return wsUrl.replace(/^ws/i, 'http').replace(/\/ws\/*$/, '').replace(/\/+$/, '');
}

/**
 * The HTTP streaming transport (docs/protocol.md section 8) behind the same face as a WebSocket,
 * so the client's one protocol engine drives both: the first frame sent (the `authorize`) opens
 * `POST /stream` and becomes its body; every event of the answer is a received frame; later
 * frames go up through {@link Uplink}. The authorize reply's `session`, a secret, is taken out
 * before the client (and the app) see the reply.
 *
 * How a stream ends, as a close code for the client's close policy (closecodes.ts): 1006 (reconnect)
 * when the stream or a request broke or the session is gone (404, after {@link STREAM_GONE_GRACE}
 * for the stream's own end to bring the server's `disconnect` event); 4003 (stop) when the server
 * refused the origin; 1009 when an uplink was too large (413); 4008 (slow down) on 429. A
 * `disconnect` event the server sent before ending the stream overrides the code, as over WebSocket.
 */
export class StreamSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  private readonly abort = new AbortController();
  private readonly waiting: string[] = []; // frames sent before the session was known
  private uplink: Uplink | null = null;
  private started = false;
  private goneTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly base: string,
    private readonly o: StreamSocketOptions,
  ) {
    // Open at once, but after the caller has set its handlers, as a WebSocket does.
    setTimeout(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  send(data: string): void {
    if (this.readyState !== 1) return;
    if (!this.started) {
      this.started = true;
      void this.down(data);
    } else if (this.uplink) this.uplink.send(data);
    else this.waiting.push(data);
  }

  /**
   * As a WebSocket sends what it queued before its close frame, the frames already sent (an ack
   * of the event that made the page close, say) go up first: the stream ends after them, since
   * the server forgets the session with its stream.
   */
  close(code = 1000, reason = ''): void {
    if (this.readyState > 1) return;
    this.readyState = 2;
    if (this.uplink) this.uplink.whenIdle(() => this.end(code, reason));
    else this.end(code, reason);
  }

  private async down(authorize: string): Promise<void> {
    const { signal } = this.abort;
    try {
      const r = await this.o.fetch(this.base + '/stream' + (this.o.padded ? '?padding=' + STREAM_PADDING : ''), {
        method: 'POST', body: authorize, signal,
      });
      if (r.status !== 200 || !r.body) return this.end(await closeCodeOf(r), 'HTTP ' + r.status);
      const reader = r.body.getReader();
      const text = new TextDecoder();
      const sse = new SseParser((data) => this.event(data), this.o.alive);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        sse.push(text.decode(value, { stream: true }));
      }
      this.end(1006, 'stream ended');
    } catch (error) {
      this.end(1006, (error as Error).message);
    }
  }

  private event(data: string): void {
    if (this.readyState !== 1) return; // closing: the client let go of this stream
    if (!this.uplink) data = this.session(data);
    this.onmessage?.({ data });
  }

  /** Reads (and removes) the session of the authorize reply, then sends what waited for it. */
  private session(data: string): string {
    let f: Record<string, unknown>;
    try {
      f = JSON.parse(data);
    } catch {
      return data;
    }
    if (f.op !== 'reply' || typeof f.session !== 'string') return data;
    const session = f.session;
    delete f.session;
    this.uplink = new Uplink((frames) => this.up(session, frames), this.o.maxFrameBytes,
      (error) => (error === GONE ? this.gone() : this.end(typeof error === 'number' ? error : 1006, 'uplink failed')));
    this.waiting.splice(0).forEach((frame) => this.uplink!.send(frame));
    return JSON.stringify(f);
  }

  private async up(session: string, frames: string[]): Promise<void> {
    // The frames are JSON already: joined, not parsed and written again.
    const body = '{"session":' + JSON.stringify(session) + ',"frames":[' + frames.join(',') + ']}';
    // No abort signal: what close() lets finish must not be cut by the stream's end.
    const r = await this.o.fetch(this.base + '/emulation', { method: 'POST', body });
    if (r.status === 404) throw GONE;
    if (!r.ok) throw await closeCodeOf(r);
  }

  /**
   * The server no longer knows the session: the stream has ended or is ending. When the server
   * ended it, the stream carries its `disconnect` event (a kick's "stay away", a drain's delay)
   * before its end, and a 404 that overtook them on another connection (through another node,
   * say) must not decide in their place: the stream gets a moment to end by itself first.
   */
  private gone(): void {
    this.goneTimer = setTimeout(() => this.end(1006, 'uplink failed'), STREAM_GONE_GRACE);
  }

  private end(code: number, reason: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    clearTimeout(this.goneTimer);
    this.uplink?.stop();
    this.abort.abort();
    this.onclose?.({ code, reason });
  }
}

/** The close code an HTTP refusal stands for (see {@link StreamSocket}). */
async function closeCodeOf(r: Response): Promise<number> {
  if (r.status === 413) return 1009;
  if (r.status === 429) return 4008;
  if (r.status !== 403) return 1006;
  // A proxy's 403 is no reason to give up; the server's word for a refused origin is.
  const body = await r.json().catch(() => null);
  return body && body.error === 'origin_not_allowed' ? 4003 : 1006;
}
