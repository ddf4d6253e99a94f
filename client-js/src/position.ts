import type { Message, StreamPosition, SubscribeReply } from './types.js';

/** What a subscribe reply means for the messages: which to deliver now, and whether a loss is stated. */
export interface Settled {
  deliver: Message[];
  /** Set when we asked to recover: true when nothing was missed, false when the app must refetch. */
  recovered?: boolean;
}

/**
 * Where one subscription stands in its channel's history (docs/protocol.md section 6): the last
 * offset delivered and the epoch it belongs to. It decides which messages reach the app: offsets
 * only go up, so a repeated offset (a live message the recovery also carried) is dropped, and
 * while a recovering subscribe is in flight live messages wait, so recovered publications always
 * come first and nothing is reordered. Messages without an offset (channels without history) pass.
 */
export class Position {
  offset = 0;
  epoch?: string;
  private held: Message[] | null = null;

  /** The `recover` field for the next subscribe; undefined before the first reply with an epoch. */
  recover(): StreamPosition | undefined {
    if (this.epoch === undefined) return undefined;
    this.held = [];
    return { offset: this.offset, epoch: this.epoch };
  }

  /** A live message: the ones to deliver now (none while a recovery is being read, none for a repeat). */
  live(m: Message): Message[] {
    if (this.held) {
      this.held.push(m);
      return [];
    }
    return this.next(m) ? [m] : [];
  }

  /** The subscribe reply arrived: recovered publications, then the held live messages, in offset order. */
  settle(r: SubscribeReply): Settled {
    const asked = this.held !== null;
    const held = this.held || [];
    this.held = null;
    if (r.epoch === undefined) {
      // Not (or no longer) a history channel: nothing to count.
      this.offset = 0;
      this.epoch = undefined;
      return { deliver: held };
    }
    const recovered = asked && r.recovered === true && r.epoch === this.epoch;
    if (!recovered) {
      // First subscribe, a stated loss or a new epoch: count from the server's latest offset.
      this.offset = r.offset ?? 0;
      this.epoch = r.epoch;
    }
    const pubs = recovered ? (r.publications || []).map((p) => ({ ...p, channel: r.channel })) : [];
    return { deliver: [...pubs, ...held].filter((m) => this.next(m)), recovered: asked ? recovered : undefined };
  }

  /** No reply is coming (connection lost, request refused): held messages are dropped; the next recovery reads them again. */
  abandon(): void {
    this.held = null;
  }

  private next(m: Message): boolean {
    if (m.offset === undefined) return true;
    if (m.offset <= this.offset) return false;
    this.offset = m.offset;
    return true;
  }
}
