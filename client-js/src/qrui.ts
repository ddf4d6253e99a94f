import type { LoginState, LoginView } from './types.js';

/** Labels of the default UI; pass `texts` to qrLogin to translate. `{name}` is the scanner's name. */
export interface Texts {
  loading: string;
  waiting: string;
  scanned: string;
  scannedBy: string;
  confirmed: string;
  cancelled: string;
  /** Cancelled because the phone's user picked another number than the one shown here. */
  mismatch: string;
  /** Beside the code on apps with number matching, before the number itself. */
  match: string;
  expired: string;
  revoked: string;
  error: string;
  refresh: string;
  qrLabel: string;
}

export const TEXTS: Texts = {
  loading: 'Loading the QR code…',
  waiting: 'Scan the QR code with the app to log in.',
  scanned: 'Scanned. Confirm the login on your phone.',
  scannedBy: 'Scanned by {name}. Confirm the login on your phone.',
  confirmed: 'Confirmed. Logging you in…',
  cancelled: 'Login cancelled on the phone.',
  mismatch: 'Login cancelled: the number picked on the phone was not this one.',
  match: 'Your phone will ask for this number:',
  expired: 'The QR code has expired.',
  revoked: 'The QR code is no longer valid.',
  error: 'Could not load the QR code.',
  refresh: 'Get a new code',
  qrLabel: 'QR code to scan with the app',
};

// Zero specificity (:where) so any page rule wins without !important.
const CSS =
  ':where(.qrpush-login){display:inline-flex;flex-direction:column;align-items:center;gap:.5em;text-align:center;max-width:240px}' +
  // A white quiet zone keeps the code scannable on dark pages; crisp edges avoid blurry modules.
  ':where(.qrpush-code){width:200px;height:200px;padding:8px;background:#fff;color:#000;display:flex;align-items:center;justify-content:center}' +
  ':where(.qrpush-code svg){width:100%;height:100%;shape-rendering:crispEdges}' +
  ':where(.qrpush-fallback){word-break:break-all;font-size:.8em}' +
  ':where(.qrpush-number){font-size:2em;font-weight:700;letter-spacing:.1em;font-variant-numeric:tabular-nums}' +
  ':where(.qrpush-scanned,.qrpush-confirmed,.qrpush-cancelled,.qrpush-expired,.qrpush-revoked,.qrpush-error) :where(.qrpush-code){opacity:.15}';

const ENDED: LoginState[] = ['cancelled', 'expired', 'revoked', 'error'];

export interface Ui {
  update(view: LoginView): void;
  remove(): void;
}

/**
 * The default widget: the code, a status line announced by screen readers (role=status is
 * aria-live=polite), and a refresh button shown once the code is spent. Classes
 * `qrpush-login qrpush-<state>` let a page restyle every state.
 */
export function createUi(root: Element, texts: Texts, onRefresh: () => void, style = true): Ui {
  const doc = root.ownerDocument;
  const make = (tag: string, cls: string) => {
    const el = doc.createElement(tag);
    el.className = cls;
    return el;
  };
  if (style && !doc.getElementById('qrpush-style')) {
    const s = make('style', '');
    s.id = 'qrpush-style';
    s.textContent = CSS;
    doc.head.appendChild(s);
  }
  const box = make('div', 'qrpush-login');
  const code = make('div', 'qrpush-code');
  // The number of number matching, beside the code: the phone asks its user to pick it.
  const match = make('p', 'qrpush-match');
  const matchLabel = make('span', 'qrpush-match-label');
  const number = make('strong', 'qrpush-number');
  match.append(matchLabel, ' ', number);
  match.hidden = true;
  const status = make('p', 'qrpush-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const button = make('button', 'qrpush-refresh') as HTMLButtonElement;
  button.type = 'button';
  button.textContent = texts.refresh;
  button.hidden = true;
  button.onclick = onRefresh;
  box.append(code, match, status, button);
  root.appendChild(box);
  let shown: Element | string | null = null;

  return {
    update(v) {
      box.className = 'qrpush-login qrpush-' + v.state;
      box.setAttribute('aria-busy', String(v.state === 'loading'));
      const want = v.qr || v.qrContent || null;
      if (want !== shown) {
        shown = want;
        code.textContent = '';
        if (v.qr) {
          v.qr.setAttribute('role', 'img');
          v.qr.setAttribute('aria-label', texts.qrLabel);
          code.appendChild(v.qr);
        } else if (v.qrContent) {
          // No picture: the encoded text at least lets a person type or copy it.
          const p = make('p', 'qrpush-fallback');
          p.textContent = v.qrContent;
          code.appendChild(p);
        }
      }
      match.hidden = !v.match || (v.state !== 'waiting' && v.state !== 'scanned');
      matchLabel.textContent = texts.match;
      number.textContent = v.match || '';
      const name = v.user && v.user.name;
      status.textContent = v.state === 'scanned' && name ? texts.scannedBy.replace('{name}', name)
        : v.state === 'cancelled' && v.reason === 'mismatch' ? texts.mismatch : texts[v.state];
      button.hidden = ENDED.indexOf(v.state) < 0;
    },
    remove() {
      box.remove();
    },
  };
}
