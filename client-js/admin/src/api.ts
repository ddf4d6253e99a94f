// The admin page's calls to its own node. Every call sends the session cookie (same origin), and
// every POST is JSON: the server refuses other content types, which no cross-site form can send.

/** What GET /admin/api/stats answers: samples as columns (uPlot's shape) and the cluster's nodes. */
export interface Stats {
  node: string;
  intervalMs: number;
  samples: Record<string, (number | null)[]> & { t: number[] };
  nodes: NodeStatus[];
}

export interface NodeStatus {
  node: string;
  connections: number;
  subscriptions: number;
  eventLoopLagMs: number;
  startedAt: number;
  seenAt: number;
}

/** An answer that is not 2xx: the status and the server's JSON error message. */
export class CallError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfter: number | null) {
    super(message);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const retry = res.headers.get('Retry-After');
    throw new CallError(res.status, body.message || res.statusText, retry === null ? null : Number(retry));
  }
  return body as T;
}

export async function get<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { credentials: 'same-origin', cache: 'no-store' }));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }));
}
