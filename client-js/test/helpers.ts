import WebSocket from 'ws';
import { QrPush } from '../src/client.js';
import type { ClientEvents, ClientOptions, SocketFactory } from '../src/types.js';

export const WS = WebSocket as unknown as SocketFactory;

/** A client with test-sized timings; pings off unless a test turns them on. */
export function makeClient(url: string, extra: Partial<ClientOptions> = {}): QrPush {
  return new QrPush({ url, appkey: 'demo', WebSocket: WS, minReconnectDelay: 5, maxReconnectDelay: 20, pingInterval: 0, ...extra });
}

/** Resolves with the next `name` event that passes `test`. */
export function next<K extends keyof ClientEvents>(client: QrPush, name: K, test: (e: ClientEvents[K]) => boolean = () => true): Promise<ClientEvents[K]> {
  return new Promise((resolve) => {
    const off = client.on(name, (e) => {
      if (!test(e)) return;
      off();
      resolve(e);
    });
  });
}
