/**
 * Remembers the last `size` message guids per channel so a message the server redelivers (it did
 * not see our ack before a reconnect, or a cluster node replayed it) reaches the handlers once.
 * Memory stays bounded: a Set iterates in insertion order, so the first value is the oldest.
 */
export class Dedupe {
  private seen = new Map<string, Set<string>>();

  constructor(private readonly size = 256) {}

  /** True when `guid` is new on `channel` (and remembers it); false for a repeat. */
  add(channel: string, guid: string): boolean {
    let set = this.seen.get(channel);
    if (!set) this.seen.set(channel, (set = new Set()));
    if (set.has(guid)) return false;
    set.add(guid);
    if (set.size > this.size) set.delete(set.values().next().value as string);
    return true;
  }

  /** Drops a channel's memory when it is unsubscribed. */
  forget(channel: string): void {
    this.seen.delete(channel);
  }
}
