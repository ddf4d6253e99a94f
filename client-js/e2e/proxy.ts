// A TCP proxy in front of the server, so a test can cut a browser's connections (as a flaky
// network or a restarting load balancer would) and keep it from reconnecting for a while.
// Pages are loaded through it, which also gives them an origin the test knows before the server
// starts (the server itself listens on port 0). It can also play a proxy that is bad for push
// (blocking.ts): one that refuses WebSocket upgrades, closes upgraded connections, or buffers.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { relayBlocking, type Blocking } from './blocking.js';

export class TcpProxy {
  /** Connections refused while down: proof the page noticed the cut and tried again. */
  refused = 0;
  /** What this proxy does to WebSocket upgrades and event streams; 'none' relays every byte. */
  blocking: Blocking = 'none';
  /** Requests it misbehaved on: proof the page met the bad proxy. */
  blocked = 0;
  private server: Server;
  private open = new Set<Socket>();
  private up = true;
  private target = 0;

  private constructor(server: Server) {
    this.server = server;
  }

  static async listen(): Promise<TcpProxy> {
    const p: TcpProxy = new TcpProxy(createServer((s) => p.accept(s)));
    await new Promise<void>((done) => p.server.listen(0, '127.0.0.1', done));
    return p;
  }

  get port(): number {
    const a = this.server.address();
    return typeof a === 'object' && a ? a.port : 0;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  forwardTo(port: number): void {
    this.target = port;
  }

  /** Cuts every open connection and refuses new ones until {@link resume}. */
  cut(): void {
    this.up = false;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  resume(): void {
    this.up = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private accept(client: Socket): void {
    if (!this.up || !this.target) {
      this.refused++;
      client.destroy();
      return;
    }
    const upstream = connect(this.target, '127.0.0.1');
    if (this.blocking !== 'none') relayBlocking(client, upstream, this.blocking, () => this.blocked++);
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      this.open.add(a);
      if (this.blocking === 'none') a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.open.delete(a);
        b.destroy();
      });
    }
  }
}
