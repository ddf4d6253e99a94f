// The phone side of the demo, as a native app would do it after its camera read the code: log the
// user in (here: /demo/api/otp mints an otp for a demo user), POST "scan" to the code's actions with
// that otp (docs/login-flow.md, "Native apps"), show where the login will happen, then POST
// "confirm" or "cancel" with the phoneToken the scan answered. `?via=ws` does the same over the
// WebSocket client instead (publishing to the code's login channel), so both doors stay shown.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var key = new URLSearchParams(location.search).get('key') || '';
  var channel = 'login:' + key;
  var viaSocket = new URLSearchParams(location.search).get('via') === 'ws';
  var client = null;
  var phoneToken = null;
  var user = null;
  var done = false; // a result is shown: later events (our own disconnect included) change nothing

  function status(text) { $('status').textContent = text; }

  function only(id) {
    ['pick', 'ask', 'result'].forEach(function (s) { $(s).hidden = s !== id; });
    document.body.dataset.state = id;
  }

  var RESULTS = {
    confirmed: ['✓', 'Login confirmed', 'You are logged in on the computer. You can put your phone away.', true],
    cancelled: ['✕', 'Login cancelled', 'Nobody was logged in with this code.', false],
    locked: ['✕', 'Someone else scanned this code', 'Another person scanned it first. Ask for a new code on the computer.', false],
    mismatch: ['✕', 'Wrong number: login cancelled', 'The number picked is not the one next to the code on the '
      + 'computer. If you are logging in yourself, get a new code there and pick its number. If you did not start '
      + 'this login, someone may be trying to log in as you.', false],
    rate_limited: ['⏱', 'Too many codes scanned', 'You scanned many login codes in the last minute. Wait a '
      + 'minute and try again; if you did not mean to scan them, someone may be sending you codes.', false],
    gone: ['⏱', 'This code is no longer valid', 'It expired, was replaced or was already used. Get a new code on the computer.', false],
    not_found: ['?', 'Unknown code', 'This code does not exist (any more). Get a new code on the computer.', false],
    nokey: ['?', 'No code to scan', 'Open this page by scanning the code shown on the demo login page.', false],
    error: ['!', 'Something went wrong', '', false],
  };

  function result(kind, detail) {
    if (done) return;
    done = true;
    var r = RESULTS[kind] || RESULTS.error;
    $('result-badge').textContent = r[0];
    $('result-title').textContent = r[1];
    $('result-text').textContent = detail || r[2];
    $('result').className = r[3] ? 'result-ok' : 'result-bad';
    status('');
    only('result');
    document.body.dataset.state = kind;
    $('result-title').focus();
    if (client) client.disconnect();
  }

  function failed(e) {
    var word = e && e.error;
    if (['locked', 'gone', 'not_found', 'mismatch', 'rate_limited'].indexOf(word) >= 0) result(word);
    else result('error', (e && e.message) || String(e));
  }

  /** "Chrome 131 on Windows" from a User-Agent; the raw string stays available as a tooltip. */
  function browserOf(ua) {
    if (!ua) return 'unknown';
    var b = /Edg\/(\d+)/.exec(ua) ? 'Edge ' + /Edg\/(\d+)/.exec(ua)[1]
      : /Firefox\/(\d+)/.exec(ua) ? 'Firefox ' + /Firefox\/(\d+)/.exec(ua)[1]
      : /Chrom(?:e|ium)\/(\d+)/.exec(ua) ? 'Chrome ' + /Chrom(?:e|ium)\/(\d+)/.exec(ua)[1]
      : /Version\/(\d+).*Safari/.exec(ua) ? 'Safari ' + /Version\/(\d+)/.exec(ua)[1] : 'a browser';
    var os = /Windows/.test(ua) ? 'Windows' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS'
      : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : '';
    return os ? b + ' on ' + os : b;
  }

  /**
   * The server's risk signals (docs/login-flow.md, "Wording the warning"): another network gets
   * the stronger warning, and many scans lately are pointed out.
   */
  function warnings(risk) {
    $('remote').hidden = !risk || risk.sameNetwork !== false;
    var many = risk && risk.scansByUser > 3;
    $('often').hidden = !many;
    $('often').textContent = many ? 'You scanned ' + risk.scansByUser + ' login codes in the last 10 minutes. '
      + 'If you did not mean to, someone may be sending you codes.' : '';
  }

  /** Number matching: the three numbers replace the confirm button; picking one confirms with it. */
  function numbers(choices) {
    var list = $('choices');
    list.textContent = '';
    $('numbers').hidden = !choices;
    $('confirm').hidden = !!choices;
    (choices || []).forEach(function (n) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'primary';
      b.textContent = n;
      b.addEventListener('click', function () { act('confirm', n); });
      list.appendChild(b);
    });
  }

  function ask(reply) {
    var pc = reply.client || {};
    warnings(pc.risk);
    numbers(reply.choices);
    $('as').textContent = user.name;
    $('origin').textContent = pc.origin || 'unknown (not a web page)';
    $('browser').textContent = browserOf(pc.userAgent);
    $('browser').title = pc.userAgent || '';
    $('ip').textContent = pc.ip || 'unknown';
    var secs = Math.max(0, Math.round((Date.now() - pc.createdAt) / 1000));
    $('time').textContent = new Date(pc.createdAt).toLocaleTimeString() + ' (' + secs + ' s ago)';
    status('');
    only('ask');
    $('ask-title').focus();
  }

  function getOtp() {
    // Asked before every connection: otps are single-use. POST keeps it out of URLs and logs.
    return fetch('/demo/api/otp', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: user.id }),
    }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (body) { return body.otp; });
  }

  /** One login action over HTTPS; refusals reject with the server's error word, as the client's do. */
  function post(action, bearer, match) {
    return fetch('/api/login/sessions/' + encodeURIComponent(key) + '/actions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + bearer },
      body: JSON.stringify(match ? { action: action, match: match } : { action: action }),
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (r.ok) return body;
        var e = new Error(body.message || 'HTTP ' + r.status);
        e.error = body.error;
        throw e;
      });
    });
  }

  function scanAs(appkey, u) {
    user = u;
    status('Checking the code as ' + u.name + '…');
    $('pick').hidden = true;
    if (!viaSocket) {
      getOtp().then(function (otp) { return post('scan', otp); }).then(function (reply) {
        phoneToken = reply.phoneToken;
        ask(reply);
      }, failed);
      return;
    }
    var ws = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
    client = new QrPush.Client({ url: ws, appkey: appkey, userId: u.id, getOtp: getOtp });
    client.on('disconnected', function (e) {
      if (!e.reconnect) result('error', 'The server refused the connection: ' + e.reason);
    });
    client.connect();
    client.publish(channel, { action: 'scan' }).then(ask, failed);
  }

  function act(action, match) {
    document.querySelectorAll('#ask button').forEach(function (b) { b.disabled = true; });
    status(action === 'confirm' ? 'Confirming…' : 'Cancelling…');
    var sent = viaSocket
      ? client.publish(channel, match ? { action: action, match: match } : { action: action })
      : post(action, phoneToken, match);
    sent.then(function () {
      result(action === 'confirm' ? 'confirmed' : 'cancelled');
    }, failed);
  }
  $('confirm').addEventListener('click', function () { act('confirm'); });
  $('cancel').addEventListener('click', function () { act('cancel'); });

  if (!/^[A-Za-z0-9_-]{16,128}$/.test(key)) {
    result('nokey');
    return;
  }
  fetch('/demo/api/config').then(function (r) {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }).then(function (cfg) {
    var list = $('users');
    cfg.users.forEach(function (u) {
      var b = document.createElement('button');
      b.type = 'button';
      b.dataset.user = u.id;
      var a = document.createElement('span');
      a.className = 'avatar';
      a.setAttribute('aria-hidden', 'true');
      a.textContent = u.name.charAt(0);
      b.append(a, 'Continue as ' + u.name);
      b.addEventListener('click', function () { scanAs(cfg.appkey, u); });
      list.appendChild(b);
    });
    status('');
    only('pick');
  }).catch(function (e) { result('error', 'The demo is not available on this server (' + e.message + ').'); });
})();
