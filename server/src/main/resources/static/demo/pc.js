// The PC side of the demo: qrLogin shows the code and follows the phone; on confirm this page
// hands the one-time ticket to "its backend" (/demo/api/redeem), which redeems it and says who
// logged in. A real app does the same with its own backend and POST /api/v1/tickets/verify.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var root = $('login');
  var params = new URLSearchParams(location.search);
  // ?autorefresh=0 keeps a spent code on screen instead of fetching a new one (to see that state).
  var autoRefresh = params.get('autorefresh') === '0' ? 0 : 5;
  var handle = null;

  function problem(text) {
    $('problem').textContent = text;
    $('problem').hidden = !text;
  }

  function keyOf(qrContent) {
    // The demo app's qrUrl is the phone page with ?key={key}; other templates just leave it unset.
    try { return new URL(qrContent).searchParams.get('key') || ''; } catch (e) { return ''; }
  }

  function loggedIn(user) {
    $('who').textContent = user.name || user.userId;
    var when = new Date(user.confirmedAt).toLocaleTimeString();
    $('done-detail').textContent = 'User id ' + user.userId + ', confirmed at ' + when + '.';
    $('login-panel').hidden = true;
    $('done').hidden = false;
    document.body.dataset.state = 'logged-in';
    $('done-title').focus();
  }

  function redeem(ticket) {
    // The ticket goes in a POST body, never in a URL: URLs end up in logs and histories.
    fetch('/demo/api/redeem', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ticket: ticket }),
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.message || 'HTTP ' + r.status);
        loggedIn(body);
      });
    }).catch(function (e) {
      problem('The login could not be completed: ' + e.message + '.');
    });
  }

  function start(appkey) {
    handle = QrPush.qrLogin({
      element: root,
      appkey: appkey,
      maxAutoRefresh: autoRefresh,
      onStateChange: function (state, view) {
        if (document.body.dataset.state !== 'logged-in') document.body.dataset.state = state;
        if (view.qrContent) {
          root.dataset.key = keyOf(view.qrContent);
          $('phone-link').href = view.qrContent;
        }
        if (state === 'loading') problem('');
      },
      onConfirmed: function (result) { redeem(result.ticket); },
    });
    // The widget works alike on either transport; the page says which one got through.
    handle.client.on('connected', function (e) {
      $('transport').textContent = 'Connected over ' + (e.transport === 'stream' ? 'HTTP streaming' : 'WebSocket') + '.';
      $('transport').dataset.transport = e.transport;
      $('transport').hidden = false;
    });
  }

  $('logout').addEventListener('click', function () {
    $('done').hidden = true;
    $('login-panel').hidden = false;
    document.body.dataset.state = 'loading';
    handle.refresh();
  });

  fetch('/demo/api/config').then(function (r) {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }).then(function (cfg) {
    start(cfg.appkey);
  }).catch(function () {
    problem('The demo is not available on this server.');
  });
})();
