/**
 * The streaming transport's way up (docs/protocol.md section 8): client frames travel in
 * `POST /emulation` bodies. Frames sent in the same task go in one request, and only one request
 * is in flight at a time: the server answers in request order only for requests it received in
 * order, and two POSTs in flight may overtake each other (two connections, or two nodes behind a
 * balancer). Whatever is sent meanwhile waits for the next batch.
 */
export class Uplink {
  private queue: string[] = [];
  private busy = false;
  private stopped = false;
  private idle: Array<() => void> = [];

  /**
   * @param post sends one batch (the frames' JSON texts); rejects when the session is lost
   * @param maxBytes the most frame bytes one batch carries (the server's `maxFrameBytes`); a
   *   frame larger than that alone still goes, alone, for the server to refuse
   * @param failed called once when a batch was refused: nothing more is sent
   */
  constructor(
    private readonly post: (frames: string[]) => Promise<void>,
    private readonly maxBytes: number,
    private readonly failed: (error: unknown) => void,
  ) {}

  send(frame: string): void {
    if (this.stopped) return;
    this.queue.push(frame);
    // Later, not now: the frames the caller sends next in this task join the same batch.
    if (this.queue.length === 1 && !this.busy) setTimeout(() => void this.flush());
  }

  stop(): void {
    this.stopped = true;
    this.queue = [];
    this.settled();
  }

  /** Calls `fn` once everything sent so far has been posted (or the uplink stopped). */
  whenIdle(fn: () => void): void {
    this.idle.push(fn);
    this.settled();
  }

  private settled(): void {
    if (this.busy || this.queue.length) return;
    this.idle.splice(0).forEach((fn) => fn());
  }

  private async flush(): Promise<void> {
    if (this.stopped || !this.queue.length) return this.settled();
    this.busy = true;
    const batch = this.take();
    try {
      await this.post(batch);
    } catch (error) {
      if (!this.stopped) this.failed(error);
      this.stop();
      return;
    } finally {
      this.busy = false;
    }
    void this.flush();
  }

  private take(): string[] {
    let bytes = 0;
    let n = 0;
    for (; n < this.queue.length; n++) {
      bytes += byteLength(this.queue[n]);
      if (n > 0 && bytes > this.maxBytes) break;
    }
    return this.queue.splice(0, n);
  }
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}
