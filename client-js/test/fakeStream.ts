// The server's HTTP streaming endpoints (docs/protocol.md section 8) as a fake `fetch`, in memory, so
// tests can run on fake timers: every `POST /stream` becomes a Stream the test writes events to,
// every `POST /emulation` is recorded and answered with `uplinkStatus` (or held until released).

export type Frame = Record<string, any>;

export class Stream {
  readonly authorize: Frame;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly body: ReadableStream<Uint8Array>;
  ended = false;

  constructor(
    readonly url: string,
    body: string,
    readonly signal: AbortSignal | undefined,
  ) {
    this.authorize = JSON.parse(body);
    this.body = new ReadableStream({ start: (c) => void (this.controller = c) });
    signal?.addEventListener('abort', () => (this.ended = true));
  }

  /** Raw text of the event stream, split wherever the test likes. */
  write(text: string): void {
    if (!this.ended) this.controller.enqueue(new TextEncoder().encode(text));
  }

  event(frame: Frame): void {
    this.write('data: ' + JSON.stringify(frame) + '\n\n');
  }

  /** The authorize reply, with the session the uplinks must name. */
  accept(session = 'sess-' + Math.random().toString(36).slice(2)): string {
    this.event({ op: 'reply', id: this.authorize.id, code: 200, sid: 'st', userId: 'anon-st', canPublish: false, session });
    return session;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.controller.close();
  }
}

export interface Post {
  session: string;
  frames: Frame[];
  /** Answers a held uplink. */
  release: (status?: number) => void;
}

export class FakeStreamServer {
  readonly streams: Stream[] = [];
  readonly posts: Post[] = [];
  /** The answer to `POST /stream` before any event: 200 opens the stream. */
  streamStatus = 200;
  streamBody = '';
  uplinkStatus = 204;
  /** Keep uplinks unanswered until the test calls `release`. */
  holdUplinks = false;

  get last(): Stream {
    return this.streams[this.streams.length - 1];
  }

  /** Every uplinked frame, in the order the posts went out. */
  get frames(): Frame[] {
    return this.posts.flatMap((p) => p.frames);
  }

  readonly fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const path = new URL(url).pathname;
    if (init.method === 'POST' && path.endsWith('/stream')) {
      if (this.streamStatus !== 200) return Promise.resolve(new Response(this.streamBody, { status: this.streamStatus }));
      const s = new Stream(url, String(init.body), init.signal || undefined);
      this.streams.push(s);
      return Promise.resolve(new Response(s.body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }));
    }
    if (init.method === 'POST' && path.endsWith('/emulation')) {
      const body = JSON.parse(String(init.body));
      return new Promise((resolve) => {
        const release = (status = this.uplinkStatus) => resolve(new Response(null, { status }));
        this.posts.push({ session: body.session, frames: body.frames, release });
        if (!this.holdUplinks) release();
      });
    }
    return Promise.resolve(new Response('', { status: 404 }));
  };
}
