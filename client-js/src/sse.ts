/**
 * Reads a `text/event-stream` body as it arrives (docs/protocol.md section 8), chunk by chunk: a
 * line may be split anywhere, even between the `\r` and `\n` of its end. Only what the protocol
 * uses is kept: `data:` lines (joined with `\n` when an event has several), dispatched at the
 * blank line that ends the event, and comment lines (`:` ...), which the server writes as
 * heartbeats and as padding. Other fields (`event`, `id`, `retry`) are read and ignored, as the
 * HTML standard's parser does with fields it does not know.
 */
export class SseParser {
  private rest = '';
  private data: string[] = [];
  /** The last chunk ended in `\r`: a `\n` opening the next one belongs to that line end. */
  private afterCr = false;

  constructor(
    private readonly event: (data: string) => void,
    private readonly comment: () => void,
  ) {}

  push(chunk: string): void {
    if (this.afterCr && chunk[0] === '\n') chunk = chunk.slice(1);
    this.afterCr = chunk.endsWith('\r');
    const lines = (this.rest + chunk).split(/\r\n|\r|\n/);
    this.rest = lines.pop()!; // no line end after it yet
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length) this.event(this.data.join('\n'));
      this.data = [];
    } else if (line[0] === ':') {
      this.comment();
    } else if (line.startsWith('data')) {
      const m = /^data(?::(.*))?$/.exec(line);
      if (m) this.data.push((m[1] || '').replace(/^ /, ''));
    }
  }
}
