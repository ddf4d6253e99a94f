// Opens N idle HTTP streams (POST /stream with an anonymous authorize for the app `loadtest`) to
// a node on 127.0.0.1:8080 and holds them until killed: the memory of an idle stream is the
// node's heap after a GC with them open, less before (docs/benchmarks.md). The load tester's
// `idle` scenario speaks WebSocket only.
//   node loadtest/bench/idle-streams.mjs 5000
import http from 'node:http';
const n = Number(process.argv[2] || 5000);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let open = 0;
function one() {
  return new Promise((done) => {
    const req = http.request({ host: '127.0.0.1', port: 8080, path: '/stream', method: 'POST', agent,
      headers: { 'Content-Type': 'text/plain' } }, (res) => {
      res.once('data', () => { open++; done(); });
      res.on('error', () => {});
    });
    req.on('error', () => done());
    req.end(JSON.stringify({ op: 'authorize', id: 1, appkey: 'loadtest' }));
  });
}
for (let i = 0; i < n; i += 200) {
  await Promise.all(Array.from({ length: Math.min(200, n - i) }, one));
}
console.log('open', open);
setInterval(() => {}, 1000);
