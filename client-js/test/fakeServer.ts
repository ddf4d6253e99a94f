// A qrpush server stand-in on a real `ws` WebSocketServer, port 0. It speaks just enough of
// docs/protocol.md sections 2-3 for client tests, records every frame per connection, and lets a test
// override any answer, drop a connection, or send a `disconnect` frame before closing.
import { WebSocketServer, type WebSocket } from 'ws';

export type Frame = Record<string, any>;
/** Return undefined for the default answer, null for no answer, or reply fields to send. */
export type Handler = (frame: Frame, conn: Conn) => Frame | null | undefined;

export class Conn {
  readonly received: Frame[] = [];
  readonly closed: Promise<{ code: number }>;

  constructor(
    readonly ws: WebSocket,
    readonly index: number,
  ) {
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve({ code })));
  }

  frames(op: string): Frame[] {
    return this.received.filter((f) => f.op === op);
  }

  send(frame: Frame): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Kills the TCP connection without a close frame: the client sees 1006. */
  drop(): void {
    this.ws.terminate();
  }

  close(code: number, reason = ''): void {
    this.ws.close(code, reason);
  }

  /** What the server does before closing on purpose (docs/protocol.md "disconnect"). */
  disconnect(code: number, reconnect: boolean, reason = 'test'): void {
    this.send({ op: 'disconnect', code, reason, reconnect });
    this.ws.close(code, reason);
  }
}

export class FakeServer {
  readonly conns: Conn[] = [];
  /** Overrides answers; see {@link Handler}. */
  handler: Handler | null = null;
  answerPings = true;
  /** The `state` a subscribe reply carries for a channel (login channels). */
  subscribeState: ((channel: string) => Frame | undefined) | null = null;
  private guids = new Set<string>();

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (ws) => {
      const conn = new Conn(ws, this.conns.length);
      this.conns.push(conn);
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        conn.received.push(frame);
        // A publish counts as seen once it arrives, answered or not, as on the real server.
        const duplicate = frame.op === 'publish' && this.guids.has(frame.guid);
        if (frame.op === 'publish') this.guids.add(frame.guid);
        this.answer(frame, conn, duplicate);
      });
    });
  }

  static async start(): Promise<FakeServer> {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.on('listening', () => resolve()));
    return new FakeServer(wss);
  }

  get url(): string {
    const addr = this.wss.address();
    return `ws://127.0.0.1:${addr && typeof addr === 'object' ? addr.port : 0}/ws`;
  }

  /** The newest connection. */
  get last(): Conn {
    return this.conns[this.conns.length - 1];
  }

  /** Every frame with `op` over all connections, oldest first. */
  frames(op: string): Frame[] {
    return this.conns.flatMap((c) => c.frames(op));
  }

  async close(): Promise<void> {
    for (const c of this.conns) c.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private answer(frame: Frame, conn: Conn, duplicate: boolean): void {
    const custom = this.handler ? this.handler(frame, conn) : undefined;
    if (custom === null) return;
    const reply = (fields: Frame) => conn.send({ op: 'reply', id: frame.id, code: 200, ...fields });
    if (custom) return reply(custom);
    switch (frame.op) {
      case 'authorize':
        return reply({ sid: 's' + conn.index, userId: frame.userId || 'anon-s' + conn.index, canPublish: !!frame.otp, pingInterval: 25000 });
      case 'subscribe':
        return reply({ channel: frame.channel, state: this.subscribeState?.(frame.channel) });
      case 'unsubscribe':
        return reply({ channel: frame.channel });
      case 'publish':
        return reply(duplicate ? { guid: frame.guid, delivered: 0, duplicate: true } : { guid: frame.guid, delivered: 1 });
      case 'ping':
        if (this.answerPings) conn.send({ op: 'pong' });
        return;
      case 'ack':
        return;
      default:
        return reply({ code: 400, error: 'unknown_op', message: frame.op });
    }
  }
}
