import { QrPush } from './client.js';
import type { QrPushError } from './errors.js';
import { createSession, fetchText, revokeSession, wsUrlFor, type Fetch, type LoginSession } from './loginapi.js';
import { createUi, TEXTS, type Texts } from './qrui.js';
import { withRetryAfter } from './retryafter.js';
import { appLinkFor, onPhone, thisDevice } from './samedevice.js';
import { parseSvg } from './svg.js';
import type { ClientOptions, LoginState, LoginStatus, LoginUser, LoginView, SocketFactory } from './types.js';
import { LOGIN_STATUSES } from './words.js';

export interface QrLoginOptions {
  /** Where the default UI goes (element or selector); not needed with `render`. */
  element?: Element | string;
  /** Base URL of the qrpush server, e.g. `https://push.example.com`; default: this page's origin. */
  server?: string;
  appkey: string;
  /** Gets the one-time ticket to hand to your backend (which redeems it with `POST /api/v1/tickets/verify`). */
  onConfirmed: (result: { ticket: string; user?: LoginUser }) => void;
  onStateChange?: (state: LoginState, view: LoginView) => void;
  /** Replaces the default UI: called with every new view. */
  render?: (view: LoginView) => void;
  /** New codes fetched on expiry/revocation without anyone scanning, before waiting for a click. Default 5. */
  maxAutoRefresh?: number;
  texts?: Partial<Texts>;
  /** Inject the default stylesheet (zero-specificity rules). Default true. */
  style?: boolean;
  /**
   * Also offer the code's content as an "Open in the app" link (`view.appLink`). Default: when the
   * page runs on a phone (mobile User-Agent, or a touch screen of a phone's size).
   */
  sameDevice?: boolean;
  /** Overrides, mainly for tests (`fetch` serves the HTTP streaming transport too). */
  fetch?: Fetch;
  WebSocket?: SocketFactory;
  /** WebSocket URL; default derived from `server` (http→ws, https→wss, path /ws). */
  wsUrl?: string;
  client?: Partial<ClientOptions>;
}

export interface QrLoginHandle {
  /** Shows a fresh code (revoking the current one). */
  refresh(): Promise<void>;
  /** Revokes the code, disconnects and removes the default UI. */
  destroy(): void;
  readonly state: LoginState;
  readonly client: QrPush;
}

/**
 * Scan-to-login for a PC page (docs/protocol.md section 4): gets a login session, shows its QR code,
 * watches the login channel anonymously and hands the ticket to `onConfirmed`.
 */
export function qrLogin(o: QrLoginOptions): QrLoginHandle {
  const f: Fetch = o.fetch || ((input, init) => fetch(input, init));
  const server = (o.server || location.origin).replace(/\/+$/, '');
  const root = typeof o.element === 'string' ? document.querySelector(o.element) : o.element;
  if (!o.render && !root) throw new Error('qrLogin: element not found');
  const client = new QrPush({ url: o.wsUrl || wsUrlFor(server), streamUrl: server, appkey: o.appkey, WebSocket: o.WebSocket, fetch: f, ...o.client });
  const maxAuto = o.maxAutoRefresh ?? 5;
  const random = (o.client && o.client.random) || Math.random; // the client's jitter source, so tests can pin it
  const refresh = () => load(false);
  const phone = o.sameDevice ?? onPhone(thisDevice());
  const ui = o.render ? null : createUi(root!, { ...TEXTS, ...o.texts }, () => void refresh(), o.style !== false);

  let session: LoginSession | null = null;
  let state: LoginState = 'loading';
  let view: LoginView = { state, qr: null, refresh };
  let gen = 0; // bumped by every refresh/destroy so late answers of an older one are dropped
  let retrying: AbortController | null = null; // ends a superseded load's Retry-After wait
  let autos = 0;
  let finished = false; // confirmed: nothing more to watch or revoke
  let paused = false; // between pagehide and pageshow: the code is revoked, ignore its events
  let destroyed = false;

  function show(next: LoginState, patch: Partial<LoginView> = {}, force = false): void {
    const same = next === state && (Object.keys(patch) as (keyof LoginView)[]).every((k) => patch[k] === view[k]);
    if (same && !force) return; // do not make screen readers repeat an unchanged status
    state = next;
    view = { ...view, ...patch, state };
    if (ui) ui.update(view);
    else o.render!(view);
    if (o.onStateChange) o.onStateChange(state, view);
  }

  /** One place for both the server's events and the subscribe reply's snapshot. */
  function apply(status: unknown, user?: LoginUser, ticket?: string, reason?: string): void {
    if (finished || paused || destroyed || LOGIN_STATUSES.indexOf(status as LoginStatus) < 0) return;
    if (status === 'confirmed') {
      finished = true;
      const who = user || view.user;
      show('confirmed', { user: who });
      // Later: the ack of this event must still go out before the socket closes.
      setTimeout(() => client.disconnect());
      if (ticket) o.onConfirmed({ ticket, user: who });
      return;
    }
    show(status as LoginState, { ...(user ? { user } : {}), ...(reason ? { reason } : {}) });
    if (status === 'scanned') autos = 0; // a person is engaged: renew the refresh allowance
    if ((status === 'expired' || status === 'revoked') && autos < maxAuto) {
      autos++;
      void load(true);
    }
  }

  function failed(e: QrPushError): void {
    // The session vanished while we were away (expired or revoked server-side): same as an expiry.
    if (e.error === 'gone' || e.error === 'not_found') apply('expired');
    else if (!finished && !destroyed) show('error', { error: e });
  }

  async function load(auto: boolean): Promise<void> {
    if (destroyed) return;
    if (!auto) autos = 0;
    const my = ++gen;
    if (retrying) retrying.abort();
    const ctl = (retrying = new AbortController());
    const old = session;
    session = null;
    finished = paused = false;
    if (old) {
      client.unsubscribe(old.channel).catch(() => undefined);
      void revokeSession(f, server, old);
    }
    view = { state: 'loading', qr: null, refresh };
    show('loading', {}, true);
    try {
      // Stays 'loading' while an overloaded or rate-limiting server asks us to come back later.
      const s = await withRetryAfter(() => createSession(f, server, o.appkey), ctl.signal, random);
      if (my !== gen) return void revokeSession(f, server, s); // superseded while we waited
      session = s;
      let qr: Element | null = null;
      try {
        qr = parseSvg(await fetchText(f, server, s.qrSvg), (root && root.ownerDocument) || document);
      } catch {
        // The default UI falls back to the qrContent text.
      }
      if (my !== gen) return;
      show('waiting', { qr, qrContent: s.qrContent, appLink: appLinkFor(s.qrContent, phone), expiresAt: s.expiresAt, match: s.match });
      client.connect();
      await client.subscribe(s.channel, s.token); // the snapshot arrives through 'subscribed'
    } catch (e) {
      if (my === gen) failed(e as QrPushError);
    }
  }

  const mine = (channel: string) => !!session && channel === session.channel;
  client.on('subscribed', (e) => {
    if (mine(e.channel) && e.state) apply(e.state.status, e.state.user, e.state.ticket, e.state.reason);
  });
  client.on('message', (m) => {
    const c = m.content as { event?: string; user?: LoginUser; ticket?: string; reason?: string } | null;
    if (mine(m.channel) && c && typeof c === 'object') apply(c.event, c.user, c.ticket, c.reason);
  });
  client.on('error', (e) => {
    if (e.channel && mine(e.channel)) failed(e.error as QrPushError);
  });
  client.on('disconnected', (e) => {
    if (!e.reconnect && !finished && !destroyed && session) show('error', { error: new Error(e.reason) });
  });

  const onHide = () => {
    if (!session || finished) return;
    paused = true;
    void revokeSession(f, server, session, true);
  };
  const onShow = (e: Event) => {
    // Back from the back/forward cache: the code was revoked on pagehide.
    if ((e as PageTransitionEvent).persisted && paused) void refresh();
  };
  const win = typeof window === 'undefined' ? null : window;
  if (win) {
    win.addEventListener('pagehide', onHide);
    win.addEventListener('pageshow', onShow);
  }

  void refresh();

  return {
    refresh,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      gen++;
      if (retrying) retrying.abort();
      if (win) {
        win.removeEventListener('pagehide', onHide);
        win.removeEventListener('pageshow', onShow);
      }
      if (session && !finished && !paused) void revokeSession(f, server, session);
      session = null;
      client.disconnect();
      if (ui) ui.remove();
    },
    get state() {
      return state;
    },
    client,
  };
}
