// The nodes table, the channel lookup and the disconnect action. Everything the server returns is
// written with textContent, never as HTML: channel data comes from clients and must not run here.
import { CallError, get, post, type NodeStatus } from './api.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString();

export function showNodes(body: HTMLTableSectionElement, nodes: NodeStatus[], self: string): void {
  body.replaceChildren(...nodes.map((n) => {
    const row = el('tr');
    row.append(
      el('td', n.node + (n.node === self ? ' (this node)' : '')),
      el('td', String(n.connections)),
      el('td', String(n.subscriptions)),
      el('td', n.eventLoopLagMs + ' ms'),
      el('td', time(n.startedAt)),
      el('td', time(n.seenAt)),
    );
    return row;
  }));
}

interface Lookup {
  app: string;
  channel: string;
  subscribers: number;
  presenceEnabled: boolean;
  historyEnabled: boolean;
  presence?: { clients: { sid: string; userId: string; name?: string }[]; users: number };
  history?: { publications?: { offset: number; content: unknown }[]; offset?: number; epoch?: string };
}

function describe(r: Lookup): HTMLElement {
  const dl = el('dl');
  const row = (term: string, value: string | HTMLElement) => {
    const dd = el('dd');
    dd.append(value);
    dl.append(el('dt', term), dd);
  };
  row('Subscribers', String(r.subscribers));
  if (r.presence) {
    const who = r.presence.clients.map((c) => c.userId + (c.name ? ` (${c.name})` : '')).join(', ');
    row('Presence', `${r.presence.users} users` + (who ? ': ' + who : ''));
  } else {
    row('Presence', 'not kept on this channel (namespace without presence)');
  }
  if (r.history) {
    const pubs = r.history.publications || [];
    row('Last publications', pubs.length === 0 ? 'none kept'
      : el('pre', pubs.map((p) => `#${p.offset} ${JSON.stringify(p.content)}`).join('\n')));
  } else {
    row('Last publications', 'no history on this channel (namespace without historySize)');
  }
  return dl;
}

const message = (e: unknown) => (e instanceof CallError ? `${e.status}: ${e.message}` : String(e));

/** Wires the lookup and disconnect forms; `signedOut` runs when a call says the session ended. */
export function wireTools(signedOut: () => void): void {
  const lookup = document.getElementById('lookup-form') as HTMLFormElement;
  const lookupOut = document.getElementById('lookup-result') as HTMLElement;
  lookup.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(lookup);
    const q = new URLSearchParams({ app: String(f.get('app')), channel: String(f.get('channel')) });
    try {
      lookupOut.replaceChildren(describe(await get<Lookup>('/admin/api/channel?' + q)));
    } catch (e) {
      if (e instanceof CallError && e.status === 401) signedOut();
      lookupOut.replaceChildren(el('p', message(e)));
    }
  });

  const disconnect = document.getElementById('disconnect-form') as HTMLFormElement;
  const disconnectOut = document.getElementById('disconnect-result') as HTMLElement;
  disconnect.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(disconnect);
    try {
      const r = await post<{ disconnected: number }>('/admin/api/disconnect',
        { app: f.get('app'), userId: f.get('userId') });
      disconnectOut.textContent = `Disconnected ${r.disconnected} connection${r.disconnected === 1 ? '' : 's'}.`;
    } catch (e) {
      if (e instanceof CallError && e.status === 401) signedOut();
      disconnectOut.textContent = message(e);
    }
  });
}
