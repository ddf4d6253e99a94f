/** Typed listener registry. `E` maps event names to the payload their listeners receive. */
export class Emitter<E> {
  private listeners: { [K in keyof E]?: Array<(payload: E[K]) => void> } = {};

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(name: K, fn: (payload: E[K]) => void): () => void {
    (this.listeners[name] ||= []).push(fn);
    return () => this.off(name, fn);
  }

  off<K extends keyof E>(name: K, fn: (payload: E[K]) => void): void {
    const list = this.listeners[name];
    if (list) this.listeners[name] = list.filter((f) => f !== fn);
  }

  emit<K extends keyof E>(name: K, payload: E[K]): void {
    // Copy first: a listener may remove itself. A throwing listener must not break the client's
    // own bookkeeping (acks, reconnects), so its error is rethrown outside our call stack, where
    // the page's error reporting still sees it.
    for (const fn of (this.listeners[name] || []).slice()) {
      try {
        fn(payload);
      } catch (err) {
        setTimeout(() => {
          throw err;
        });
      }
    }
  }
}
