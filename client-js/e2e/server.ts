// Starts the real server jar (built by Maven) on port 0 with a temporary configuration, and reads
// the port from its "serving on http://HOST:PORT" log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, '../../server/target');

export const APPKEY = 'demo';
export const SECRET = 'e2e-secret-0123456789abcdefghij';
export const API_KEY = 'e2e-apikey-0123456789abcdefghij';

/** server/target/qrpush-server-*-all.jar, or a failure saying how to build it. */
export function serverJar(): string {
  let names: string[] = [];
  try {
    names = readdirSync(target).filter((n) => /^qrpush-server-.*-all\.jar$/.test(n));
  } catch {
    // no target folder yet
  }
  if (names.length === 0) {
    throw new Error(`no server jar in ${target}: build it first (mvn -B package -DskipTests; ./test does this)`);
  }
  return join(target, names[0]);
}

export interface ServerOptions {
  /** Origins of the pages (the test's proxies); the first phone origin also makes the qrUrl. */
  origins: string[];
  phoneOrigin: string;
  loginTtl?: string;
  /** Login sessions one client IP may create a minute (the server's default: 120). */
  createPerMinute?: number;
  /** Namespace `news` keeps 100 publications per channel (docs/configuration.md, namespaces). */
  history?: boolean;
  /** The demo app asks the phone for the number shown beside the code (app option numberMatching). */
  numberMatching?: boolean;
  /**
   * Believe X-Forwarded-For from this machine (server.trustedProxies), so a test can place a
   * browser on another network; the demo then also answers requests with forwarding headers.
   */
  trustLocalProxy?: boolean;
}

export interface RunningServer {
  port: number;
  /** Everything the server printed, for failure messages and the "no otp in the log" check. */
  output(): string;
  stop(): Promise<void>;
}

function yaml(o: ServerOptions): string {
  return [
    'server:',
    '  host: 127.0.0.1',
    '  port: 0',
    ...(o.trustLocalProxy ? ['  trustedProxies: [127.0.0.1]'] : []),
    'login:',
    `  loginTtl: ${o.loginTtl || '120s'}`,
    ...(o.createPerMinute ? [`  createPerMinute: ${o.createPerMinute}`] : []),
    'apps:',
    `  - appkey: ${APPKEY}`,
    `    secret: ${SECRET}`,
    `    apiKey: ${API_KEY}`,
    '    allowedOrigins:',
    ...o.origins.map((x) => `      - ${x}`),
    `    qrUrl: ${o.phoneOrigin}/demo/phone?key={key}`,
    ...(o.numberMatching ? ['    numberMatching: true'] : []),
    'demo:',
    '  enabled: true',
    ...(o.trustLocalProxy ? ['  allowNonLoopback: true'] : []),
    ...(o.history ? ['namespaces:', '  - name: news', '    historySize: 100', '    historyTtl: 300s'] : []),
    '',
  ].join('\n');
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'qrpush-e2e-'));
  const config = join(dir, 'qrpush.yaml');
  writeFileSync(config, yaml(o));
  // cwd is the temp folder: the repo's config/logback.xml must not change what the test reads.
  const child: ChildProcess = spawn('java', ['-jar', serverJar(), '--config', config], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test run that dies must not leave a JVM holding a port.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let out = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the server did not start within 30 s:\n' + out)), 30_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving on http:\/\/[^:\s]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done(Number(m[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code}) before serving:\n${out}`));
    });
  });
  return {
    port,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
