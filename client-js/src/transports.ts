/**
 * Which transport the next connection attempt uses (docs/protocol.md section 8, client notes).
 *
 * WebSocket first. Before any transport has answered an `authorize`, a failed attempt moves on:
 * - the socket ended with no answer at all (upgrade refused, closed before the reply) and a code
 *   a network gives ({@link closedByNetwork}): to the stream. A close code the server chose (its
 *   4xxx, or 1008 and the like) is a refusal the stream would only repeat: the close policy decides;
 * - nothing arrived within the transport timeout (5 s): to the stream **with padding**, since
 *   silence on an open connection is what a buffering proxy looks like, and padding the start of
 *   the stream is what gets an answer through one. A stream that stays silent moves on to the
 *   padded stream too.
 * When there is nowhere left to go the attempt fails as usual (backoff) and the next one starts
 * again from the first transport. The first transport that answers is kept for the client's life:
 * a later failure is a lost connection, reconnected on the same transport.
 */
export type TransportName = 'websocket' | 'stream';

export interface Candidate {
  name: TransportName;
  /** Ask the server to pad the start of the stream (stream only). */
  padded: boolean;
}

/**
 * The close codes of a socket that something between client and server ended, not the server's
 * word: 1006 (no close frame: upgrade refused, connection cut), 1005 (a close frame without a
 * code), 1001 (going away) and 1011 (internal error), which proxies and browsers report for a
 * dropped connection, and 1014 (bad gateway), a proxy's own.
 */
const NETWORK_CLOSES = [1001, 1005, 1006, 1011, 1014];

/** Whether a socket closed with `code` before the authorize reply may move on to the next transport. */
export function closedByNetwork(code: number | undefined): boolean {
  return code === undefined || code === 0 || NETWORK_CLOSES.indexOf(code) >= 0;
}

/** How an attempt failed before its authorize was answered. */
export type TransportFailure = 'closed' | 'silent';

const LADDER: Candidate[] = [
  { name: 'websocket', padded: false },
  { name: 'stream', padded: false },
  { name: 'stream', padded: true },
];

export class TransportPlan {
  private readonly ladder: Candidate[];
  private at = 0;
  private kept = false;

  constructor(allowed: readonly TransportName[]) {
    this.ladder = LADDER.filter((c) => allowed.indexOf(c.name) >= 0);
    if (!this.ladder.length) throw new Error('transports: none of "websocket", "stream"');
  }

  get current(): Candidate {
    return this.ladder[this.at];
  }

  /** The current transport answered an authorize: use it from now on. */
  keep(): void {
    this.kept = true;
  }

  /** Where a failure of the current attempt leads; null: nowhere (fail as usual). Changes nothing. */
  next(how: TransportFailure): Candidate | null {
    if (this.kept) return null;
    const c = this.current;
    // A stream that ended without an answer was not buffered: padding would not help it.
    if (c.name === 'stream' && how === 'closed') return null;
    const rest = this.ladder.slice(this.at + 1);
    return rest.find((n) => how === 'closed' || n.padded) || null;
  }

  /** Moves to `next(how)`; returns it, or null when there was nowhere to go (the current one stays). */
  advance(how: TransportFailure): Candidate | null {
    const n = this.next(how);
    if (n) this.at = this.ladder.indexOf(n);
    return n;
  }

  /** An attempt failed with nowhere left to go: the next one starts from the first transport again. */
  restart(): void {
    if (!this.kept) this.at = 0;
  }
}
