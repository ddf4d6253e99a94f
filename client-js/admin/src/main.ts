// The admin page: asks for the stats; a 401 shows the sign-in form, anything else the dashboard,
// which then polls every second. The token is posted once in a JSON body and never kept: the
// browser holds only the HttpOnly session cookie the server set.
import 'uplot/dist/uPlot.min.css';
import '../admin.css';
import { CallError, get, post, type Stats } from './api.js';
import { Charts } from './charts.js';
import { showNodes, wireTools } from './tools.js';

const POLL_MS = 1000;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const signin = $<HTMLElement>('signin');
const dashboard = $<HTMLElement>('dashboard');
const signout = $<HTMLButtonElement>('signout');
const error = $<HTMLElement>('signin-error');

let charts: Charts | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function showSignIn(reason = ''): void {
  clearTimeout(timer);
  dashboard.hidden = true;
  signout.hidden = true;
  signin.hidden = false;
  error.textContent = reason;
  $<HTMLInputElement>('token').focus();
}

async function poll(): Promise<void> {
  let stats: Stats;
  try {
    stats = await get<Stats>('/admin/api/stats?since=' + (charts ? charts.last : 0));
  } catch (e) {
    if (e instanceof CallError && e.status === 401) {
      showSignIn(charts ? 'Your session ended: sign in again.' : '');
      return;
    }
    timer = setTimeout(poll, POLL_MS); // a node restarting: keep asking
    return;
  }
  if (dashboard.hidden) {
    signin.hidden = true;
    dashboard.hidden = false;
    signout.hidden = false;
  }
  if (!charts) charts = new Charts($('charts'));
  charts.append(stats.samples);
  $('node').textContent = 'node ' + stats.node;
  showNodes($<HTMLTableElement>('nodes').tBodies[0], stats.nodes, stats.node);
  timer = setTimeout(poll, POLL_MS);
}

$<HTMLFormElement>('signin-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $<HTMLInputElement>('token');
  try {
    await post('/admin/api/signin', { token: input.value });
    input.value = '';
    error.textContent = '';
    await poll();
  } catch (e) {
    input.value = '';
    error.textContent = e instanceof CallError && e.status === 429
      ? `Too many attempts: wait ${e.retryAfter ?? 60} s.`
      : e instanceof CallError && e.status === 401 ? 'Sign-in refused: wrong token.' : 'Sign-in failed: ' + String(e);
  }
});

signout.addEventListener('click', async () => {
  await post('/admin/api/signout', {}).catch(() => undefined);
  showSignIn('Signed out.');
});

wireTools(() => showSignIn('Your session ended: sign in again.'));
void poll();
