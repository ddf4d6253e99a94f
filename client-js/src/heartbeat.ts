/**
 * App-level liveness: browsers cannot send WebSocket pings, and a socket whose peer vanished
 * (laptop lid, NAT timeout) can look open for many minutes. Every `interval` we send a ping; if no
 * frame at all arrives within `timeout` after it, the connection is declared dead. Any frame
 * counts, not only the pong: a pong queued behind a burst of messages must not get a busy
 * connection killed.
 */
export class Heartbeat {
  private every?: ReturnType<typeof setInterval>;
  private deadline?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly interval: number,
    private readonly timeout: number,
    private readonly ping: () => void,
    private readonly dead: () => void,
  ) {}

  start(): void {
    this.stop();
    if (!this.interval) return;
    this.every = setInterval(() => {
      this.ping();
      this.deadline ||= setTimeout(() => this.dead(), this.timeout);
    }, this.interval);
  }

  /** Called for every received frame. */
  alive(): void {
    clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  stop(): void {
    clearInterval(this.every);
    this.every = undefined;
    this.alive();
  }
}
