// The callstream dashboard: reads the analyst API (docs/analyst-api.md) of the server that serves it, with the
// admin's UserSig as a bearer token. The UserSig lives in this tab's sessionStorage only; the page holds no other
// secret. Values from the API reach the page as text (textContent), never as markup.
(function () {
  'use strict';

  var API = '/api/v1';
  var STORAGE_KEY = 'callstream.usersig';
  var REFRESH_MS = 5000;
  var DAY = 86400;
  var RESULTS = {
    normal_end: 'normal end', cancel: 'cancelled', reject: 'rejected', not_answer: 'not answered',
    call_busy: 'busy', interrupt: 'interrupted', failed: 'failed', unknown: 'unknown'
  };

  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  var state = {
    callType: 'single', page: 1, refreshing: true, timer: null, dailyPreset: '7',
    charts: {}, generation: 0
  };

  function $(id) { return document.getElementById(id); }

  function show(el, visible) { el.hidden = !visible; }

  function text(el, value) { el.textContent = value == null ? '' : String(value); }

  // ---- time -------------------------------------------------------------------------------------------------

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // A Unix time in the browser's zone, as "2026-11-23 14:05:09".
  function formatTime(seconds) {
    if (seconds == null || seconds === 0) { return ''; }
    var d = new Date(seconds * 1000);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function formatDuration(seconds) {
    var s = Math.max(0, Math.floor(seconds || 0));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h > 0 ? h + ':' + pad(m) : String(m)) + ':' + pad(s % 60);
  }

  function isoDate(d) { return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); }

  function now() { return Math.floor(Date.now() / 1000); }

  function startOfToday() {
    var d = new Date();
    d.setHours(0, 0, 0, 0);
    return Math.floor(d.getTime() / 1000);
  }

  // A datetime-local input's value as Unix seconds in the browser's zone; null when empty.
  function inputSeconds(input) {
    if (!input.value) { return null; }
    var t = new Date(input.value).getTime();
    return isNaN(t) ? null : Math.floor(t / 1000);
  }

  // ---- the API ----------------------------------------------------------------------------------------------

  function ApiError(status, code, message, retryAfter) {
    this.status = status;
    this.code = code;
    this.message = message;
    this.retryAfter = retryAfter;
  }

  function isAuthError(e) {
    return e instanceof ApiError && (e.status === 401 || e.status === 403);
  }

  function request(path, params, accept) {
    var query = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== '') { query.set(k, params[k]); }
    });
    var url = API + path + (query.toString() ? '?' + query.toString() : '');
    return fetch(url, {
      headers: { 'Authorization': 'Bearer ' + sessionStorage.getItem(STORAGE_KEY), 'Accept': accept || 'application/json' },
      cache: 'no-store', credentials: 'omit'
    }).catch(function () {
      throw new ApiError(0, 0, 'The query API at ' + location.origin + ' does not answer; retrying every ' +
        (REFRESH_MS / 1000) + ' s.');
    }).then(function (response) {
      if (response.ok) { return response; }
      return response.json().catch(function () { return {}; }).then(function (body) {
        throw new ApiError(response.status, body.errorCode || 0,
          body.errorMessage || ('HTTP ' + response.status), Number(response.headers.get('Retry-After')) || 0);
      });
    });
  }

  function getJson(path, params) {
    return request(path, params).then(function (response) { return response.json(); });
  }

  // ---- sign-in ----------------------------------------------------------------------------------------------

  // A link such as /dashboard/#usersig=... (the launcher's banner prints one): the fragment never reaches the
  // server, and it is cleared at once, so that it stays in neither the address bar nor the history.
  function takeUserSigFromFragment() {
    var match = /(?:^#|&)usersig=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(STORAGE_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
    return !!match;
  }

  function showSignIn(message) {
    stopRefresh();
    sessionStorage.removeItem(STORAGE_KEY);
    show($('app'), false);
    show($('session-controls'), false);
    show($('banner'), false);
    show($('signin'), true);
    var error = $('signin-error');
    text(error, message);
    show(error, !!message);
  }

  function refused(e) {
    return 'The UserSig was refused (' + e.status + ', ' + e.code + '): ' + e.message;
  }

  function signIn(userSig) {
    sessionStorage.setItem(STORAGE_KEY, userSig);
    text($('signin-error'), '');
    // The overview is the cheapest read that proves the UserSig; any refusal of it sends the user back here.
    return getJson('/stats/overview').then(function (overview) {
      show($('signin'), false);
      show($('app'), true);
      show($('session-controls'), true);
      renderOverview(overview);
      refreshAll();
      startRefresh();
    }, function (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429) {
        showSignIn(refused(e));
      } else {
        showSignIn(e.message);
      }
    });
  }

  // ---- refresh ----------------------------------------------------------------------------------------------

  function startRefresh() {
    stopRefresh();
    if (state.refreshing) { state.timer = setInterval(refreshAll, REFRESH_MS); }
  }

  function stopRefresh() {
    if (state.timer) { clearInterval(state.timer); state.timer = null; }
  }

  function refreshAll() {
    return Promise.all([loadOverview(), loadDaily(), loadConcurrency(), loadRecords(), loadOpenCalls()])
      .then(function () { text($('updated'), 'Updated ' + formatTime(now()).slice(11)); });
  }

  // Shows what went wrong in a section, and in the banner when the whole API is affected. A refused UserSig
  // (expired while the page was open) signs out with the reason.
  function failed(section, stateEl, e) {
    if (isAuthError(e)) {
      showSignIn(refused(e));
      return;
    }
    section.setAttribute('data-state', 'error');
    var message = e instanceof ApiError ? e.message : String(e);
    if (e instanceof ApiError && e.code === 101001) {
      message = 'The data cannot be read completely right now (the service is rebalancing or restoring); ' +
        'retrying' + (e.retryAfter ? ' in ' + e.retryAfter + ' s' : '') + '.';
    }
    text(stateEl, message);
    var banner = $('banner');
    if (e instanceof ApiError && (e.status === 0 || e.code === 101001)) {
      text(banner, message);
      show(banner, true);
    }
  }

  function succeeded(section, stateEl, empty, emptyText) {
    section.setAttribute('data-state', empty ? 'empty' : 'ready');
    text(stateEl, empty ? emptyText : '');
    show($('banner'), false);
  }

  // ---- overview ---------------------------------------------------------------------------------------------

  function loadOverview() {
    return getJson('/stats/overview').then(renderOverview, function (e) {
      failed($('overview'), $('overview-state'), e);
    });
  }

  function card(name, value) {
    var el = document.querySelector('[data-card="' + name + '"]');
    text(el, value == null ? '–' : value);
  }

  function participants(period) {
    return period.participantsExact ? period.participants : '≈ ' + period.participants;
  }

  function renderOverview(o) {
    [['today', o.today], ['month', o.thisMonth]].forEach(function (p) {
      card(p[0] + '-calls', p[1].calls);
      card(p[0] + '-participants', participants(p[1]));
      card(p[0] + '-max-single', p[1].maxConcurrent.single.maxConcurrent);
      card(p[0] + '-max-group', p[1].maxConcurrent.group.maxConcurrent);
      card(p[0] + '-max-overview', p[1].maxConcurrent.overview);
    });
    card('live-all', o.live.all);
    card('live-single', o.live.single);
    card('live-group', o.live.group);
    text($('overview-zone'), '(days in the statistics\u2019 zone, ' + o.zone + ')');
    text($('live-figure'), 'live now: ' + o.live.all);
    succeeded($('overview'), $('overview-state'), false, '');
  }

  // ---- charts -----------------------------------------------------------------------------------------------

  function chartWidth(el) { return Math.max(280, el.clientWidth - 4); }

  function drawChart(name, el, series, data) {
    var old = state.charts[name];
    if (old) { old.destroy(); }
    var opts = {
      width: chartWidth(el), height: 220,
      scales: { x: { time: true } },
      series: [{}].concat(series),
      axes: [{}, { size: 50 }]
    };
    state.charts[name] = new uPlot(opts, data, el);
  }

  function dailyRange() {
    if (state.dailyPreset === 'custom') {
      return { from: $('daily-from').value, to: $('daily-to').value };
    }
    var to = new Date();
    var from = new Date();
    from.setDate(from.getDate() - Number(state.dailyPreset) + 1);
    return { from: isoDate(from), to: isoDate(to) };
  }

  function loadDaily() {
    var range = dailyRange();
    if (!range.from || !range.to) { return Promise.resolve(); }
    return getJson('/stats/daily', { from: range.from, to: range.to }).then(function (answer) {
      // Days without calls are absent from the answer: they are zeros on the chart.
      var byDay = {};
      answer.days.forEach(function (d) { byDay[d.day] = d; });
      var xs = [], calls = [], people = [];
      for (var t = Date.parse(answer.from + 'T00:00:00Z'); t <= Date.parse(answer.to + 'T00:00:00Z'); t += DAY * 1000) {
        var day = new Date(t).toISOString().slice(0, 10);
        var d = byDay[day];
        xs.push(t / 1000);
        calls.push(d ? d.calls : 0);
        people.push(d ? d.participants : 0);
      }
      var el = $('daily-chart');
      drawChart('daily', el, [
        { label: 'Calls', stroke: '#2563eb', width: 2 },
        { label: 'Participants', stroke: '#16a34a', width: 2 }
      ], [xs, calls, people]);
      succeeded($('daily'), $('daily-state'), answer.days.length === 0,
        'No calls from ' + answer.from + ' to ' + answer.to + '.');
    }, function (e) { failed($('daily'), $('daily-state'), e); });
  }

  var RANGES = { '1h': 3600, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

  function loadConcurrency() {
    var preset = $('conc-range').value;
    var from, to;
    if (preset === 'custom') {
      from = inputSeconds($('conc-from'));
      to = inputSeconds($('conc-to'));
      if (from == null || to == null) { return Promise.resolve(); }
    } else {
      to = now();
      from = to - RANGES[preset];
    }
    var granularity = $('conc-granularity').value;
    return getJson('/concurrency', { granularity: granularity, from: from, to: to, scope: $('conc-scope').value })
      .then(function (answer) {
        var xs = [], ys = [];
        answer.windows.forEach(function (w) { xs.push(w.windowStartTs); ys.push(w.maxConcurrent); });
        drawChart('concurrency', $('conc-chart'), [
          { label: 'Max concurrent per ' + granularity, stroke: '#9333ea', width: 2, paths: uPlot.paths.stepped({ align: 1 }) }
        ], [xs, ys]);
        succeeded($('concurrency'), $('conc-state'), answer.windows.length === 0, 'No call in progress in this range.');
      }, function (e) { failed($('concurrency'), $('conc-state'), e); });
  }

  // ---- records ----------------------------------------------------------------------------------------------

  function recordsRange() {
    var preset = $('records-preset').value;
    var to = now();
    if (preset === 'today') { return { from: startOfToday(), to: to }; }
    if (preset === '7d') { return { from: to - 7 * DAY, to: to }; }
    if (preset === '30d') { return { from: to - 30 * DAY, to: to }; }
    return { from: inputSeconds($('records-from')), to: inputSeconds($('records-to')) };
  }

  // The filter of the table, and of the CSV export.
  function recordsFilter() {
    var range = recordsRange();
    return {
      from: range.from, to: range.to, callType: state.callType, result: $('result-filter').value,
      callId: $('search-callid').value.trim(), userId: $('search-userid').value.trim(), order: 'desc'
    };
  }

  function cell(row, value, className) {
    var td = document.createElement('td');
    text(td, value);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function resultText(r) {
    if (r.state === 'open') { return 'in progress'; }
    return RESULTS[r.callResult] || r.callResult || 'unknown';
  }

  function recordRow(r, open) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-call-id', r.callId);
    tr.setAttribute('data-state', r.state);
    cell(tr, r.callId, 'call-id');
    cell(tr, formatTime(r.startCallTs));
    cell(tr, open ? (r.acceptTs ? formatDuration(now() - r.acceptTs) + ' so far' : 'ringing') : formatDuration(r.durationSec));
    cell(tr, resultText(r), 'result result-' + (r.state === 'open' ? 'open' : r.callResult));
    cell(tr, r.caller);
    cell(tr, (r.callees || []).join(', '));
    if (!open) {
      cell(tr, r.peakParticipants, 'group-only');
      cell(tr, (r.participants || []).length, 'group-only');
    }
    if (r.callType === 'group') {
      tr.classList.add('openable');
      tr.tabIndex = 0;
      tr.title = 'Show the participants';
      tr.addEventListener('click', function () { showDetail(r); });
      tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { showDetail(r); } });
    }
    return tr;
  }

  function loadRecords() {
    var filter = recordsFilter();
    var section = $('records');
    if (filter.from == null || filter.to == null) {
      succeeded(section, $('records-state'), true, 'Choose the start and the end of the range.');
      return Promise.resolve();
    }
    var limit = Number($('per-page').value);
    var params = Object.assign({}, filter, { limit: limit, page: state.page });
    var generation = ++state.generation;
    return getJson('/records', params).then(function (answer) {
      if (generation !== state.generation) { return; } // a newer filter's answer is coming
      var pages = Math.max(1, Math.ceil(answer.totalNum / limit));
      if (state.page > pages) { return turnTo(pages); }
      var body = $('records-table').tBodies[0];
      var rows = document.createDocumentFragment();
      answer.records.forEach(function (r) { rows.appendChild(recordRow(r, false)); });
      body.replaceChildren(rows);
      text($('records-total'), answer.totalNum + (answer.totalNum === 1 ? ' record' : ' records'));
      text($('page-info'), 'Page ' + state.page + ' of ' + pages);
      $('page-prev').disabled = state.page <= 1;
      $('page-next').disabled = state.page >= pages;
      section.setAttribute('data-page', String(state.page));
      succeeded(section, $('records-state'), answer.totalNum === 0,
        'No records match' + (answer.fromClamped ? ' (the range reaches past the retention: older records are gone).' : '.'));
      if (answer.fromClamped && answer.totalNum > 0) {
        text($('records-state'), 'The range reaches past the retention: older records are gone.');
      }
    }, function (e) {
      if (generation === state.generation) { failed(section, $('records-state'), e); }
    });
  }

  // Calls in progress of the selected type, above the records: the records are only of finished calls.
  function loadOpenCalls() {
    return getJson('/calls/open', { limit: 100 }).then(function (answer) {
      var mine = answer.records.filter(function (r) { return r.callType === state.callType; });
      var body = $('open-table').tBodies[0];
      var rows = document.createDocumentFragment();
      mine.forEach(function (r) { rows.appendChild(recordRow(r, true)); });
      body.replaceChildren(rows);
      show($('open-calls'), mine.length > 0);
    }, function (e) { failed($('records'), $('records-state'), e); });
  }

  function showDetail(r) {
    text($('detail-call-id'), r.callId);
    text($('detail-summary'), formatTime(r.startCallTs) + ' · ' + resultText(r) + ' · caller ' + (r.caller || '?') +
      ' · peak ' + (r.peakParticipants == null ? '–' : r.peakParticipants) + ' together · ' +
      (r.participants || []).length + ' joined');
    var body = $('detail-participants').tBodies[0];
    var rows = document.createDocumentFragment();
    (r.participants || []).forEach(function (p) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-user-id', p.userId);
      cell(tr, p.userId);
      cell(tr, formatDuration(p.durationSec));
      cell(tr, p.platform || 'unknown');
      cell(tr, formatTime(p.joinTs));
      cell(tr, p.leaveTs == null ? 'still in the call' : formatTime(p.leaveTs));
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
    show($('detail'), true);
    $('detail').scrollIntoView({ block: 'nearest' });
  }

  // ---- export -----------------------------------------------------------------------------------------------

  // The server streams the CSV of the whole filter (Accept: text/csv); the browser saves what arrives.
  function exportCsv() {
    var filter = recordsFilter();
    var button = $('export-csv');
    button.disabled = true;
    text(button, 'Exporting…');
    return request('/records', filter, 'text/csv').then(function (response) { return response.blob(); })
      .then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = 'call-records-' + filter.callType + '-' + filter.from + '-' + filter.to + '.csv';
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
      }, function (e) { failed($('records'), $('records-state'), e); })
      .then(function () { button.disabled = false; text(button, 'Export CSV'); });
  }

  // ---- wiring -----------------------------------------------------------------------------------------------

  function debounce(fn, ms) {
    var t = null;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  // A new filter or page: the table says it is loading until the answer arrives (an auto-refresh does not).
  function turnTo(page) {
    state.page = page;
    $('records').setAttribute('data-state', 'loading');
    return loadRecords();
  }

  function reloadRecords() {
    $('records').setAttribute('data-state', 'loading');
    state.page = 1;
    show($('detail'), false);
    loadRecords();
  }

  function wire() {
    text($('zone-label'), 'Times in ' + zone);
    $('signin-button').addEventListener('click', function () {
      var value = $('usersig-input').value.trim();
      if (!value) { showSignIn('Paste the admin\u2019s UserSig first.'); return; }
      $('usersig-input').value = '';
      signIn(value);
    });
    $('sign-out').addEventListener('click', function () { showSignIn(''); });
    $('refresh-toggle').addEventListener('click', function () {
      state.refreshing = !state.refreshing;
      this.setAttribute('aria-pressed', String(!state.refreshing));
      text(this, state.refreshing ? 'Pause auto-refresh' : 'Resume auto-refresh');
      if (state.refreshing) { refreshAll(); startRefresh(); } else { stopRefresh(); }
    });
    document.querySelectorAll('[data-daily-preset]').forEach(function (b) {
      b.addEventListener('click', function () {
        document.querySelectorAll('[data-daily-preset]').forEach(function (o) { o.classList.toggle('active', o === b); });
        state.dailyPreset = b.getAttribute('data-daily-preset');
        show($('daily-custom'), state.dailyPreset === 'custom');
        loadDaily();
      });
    });
    ['daily-from', 'daily-to'].forEach(function (id) { $(id).addEventListener('change', loadDaily); });
    $('conc-range').addEventListener('change', function () {
      show($('conc-custom'), this.value === 'custom');
      loadConcurrency();
    });
    ['conc-granularity', 'conc-scope', 'conc-from', 'conc-to'].forEach(function (id) {
      $(id).addEventListener('change', loadConcurrency);
    });
    document.querySelectorAll('[data-call-type]').forEach(function (tab) {
      tab.addEventListener('click', function () {
        state.callType = tab.getAttribute('data-call-type');
        document.querySelectorAll('[data-call-type]').forEach(function (o) {
          o.setAttribute('aria-selected', String(o === tab));
        });
        $('records').setAttribute('data-call-type', state.callType);
        reloadRecords();
        loadOpenCalls();
      });
    });
    $('records-preset').addEventListener('change', function () {
      show($('records-custom'), this.value === 'custom');
      reloadRecords();
    });
    ['records-from', 'records-to', 'result-filter', 'per-page'].forEach(function (id) {
      $(id).addEventListener('change', reloadRecords);
    });
    var typed = debounce(reloadRecords, 300);
    ['search-callid', 'search-userid'].forEach(function (id) {
      $(id).addEventListener('input', function () {
        $('records').setAttribute('data-state', 'loading');
        typed();
      });
    });
    $('page-prev').addEventListener('click', function () { if (state.page > 1) { turnTo(state.page - 1); } });
    $('page-next').addEventListener('click', function () { turnTo(state.page + 1); });
    $('export-csv').addEventListener('click', exportCsv);
    $('detail-close').addEventListener('click', function () { show($('detail'), false); });
    window.addEventListener('resize', debounce(function () {
      Object.keys(state.charts).forEach(function (name) {
        var chart = state.charts[name];
        chart.setSize({ width: chartWidth(chart.root.parentNode), height: 220 });
      });
    }, 200));
    $('records').setAttribute('data-call-type', state.callType);
  }

  wire();
  // A sign-in link opened in a tab that already shows the page changes only the fragment: sign in with it.
  window.addEventListener('hashchange', function () {
    if (takeUserSigFromFragment()) { signIn(sessionStorage.getItem(STORAGE_KEY)); }
  });
  takeUserSigFromFragment();
  var saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved) { signIn(saved); } else { showSignIn(''); }
})();
