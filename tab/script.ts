// The tab's own browser scripts, as strings so they ship inside the esbuild bundle (served from
// /rapport/tab.js and /rapport/instellen.js, same origin, so the CSP allows them without
// 'unsafe-inline'). They hold no words: every sentence comes from data-* attributes the server
// wrote in Dutch. No chart code: the figures arrive as server-rendered HTML with SVG.
//
// teams-js is loaded only when the page is framed (or in Teams' native host), from the address in
// <html data-teams-js>: on load it asks a Microsoft CDN for its list of valid host origins, which
// the CSP blocks (teams-js then uses its built-in list), so a plain browser never even tries.
//
// tab.js, on a page whose #inhoud has data-bron (the Teams case): app.initialize(), the theme
// from the Teams context, getAuthToken(), then GET data-bron + the page's own query with
// `Authorization: Bearer`, and the returned HTML fragment goes into #inhoud. Outside Teams (not
// framed, no native host) it does not wait for teams-js's 60 s time-out but says so at once.
import { createHash } from 'node:crypto';

export const TAB_SCRIPT = `(function () {
  'use strict';
  var html = document.documentElement;
  var root = document.getElementById('inhoud');
  function theme(t) { html.setAttribute('data-theme', t === 'dark' ? 'dark' : t === 'contrast' ? 'contrast' : 'default'); }
  function say(key) {
    root.textContent = '';
    var p = document.createElement('p');
    p.className = 'status';
    p.textContent = root.getAttribute(key) || '';
    root.appendChild(p);
  }
  function within(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error('timeout')); }, ms);
      promise.then(function (v) { clearTimeout(timer); resolve(v); }, function (e) { clearTimeout(timer); reject(e); });
    });
  }
  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = function () { if (window.microsoftTeams) resolve(window.microsoftTeams); else reject(new Error('teams-js')); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  var teams;
  // In Teams a download cannot carry the token: ask for a signed link with it, and let Teams open
  // that (in the browser, where the file is saved). Outside Teams the link itself works.
  function download(link) {
    var status = document.querySelector('[data-export-status]');
    var failed = function () { if (status) status.textContent = status.getAttribute('data-fout') || ''; };
    if (status) status.textContent = '';
    var url = new URL(link.href, location.href);
    var ask = url.pathname.replace(/\\/export\\.(csv|xlsx)$/, '/export-link') + url.search + (url.search ? '&' : '?') + 'formaat=' + link.getAttribute('data-export');
    teams.authentication.getAuthToken()
      .then(function (token) { return fetch(ask, { headers: { Authorization: 'Bearer ' + token }, credentials: 'omit', cache: 'no-store' }); })
      .then(function (response) { return response.ok ? response.json() : undefined; })
      .then(function (body) {
        if (!body || typeof body.url !== 'string') { failed(); return; }
        if (teams.app.openLink) return teams.app.openLink(body.url).catch(function () { window.open(body.url, '_blank', 'noopener'); });
        window.open(body.url, '_blank', 'noopener');
      })
      .catch(failed);
  }
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target && target.closest && target.closest('[data-afdrukken]')) window.print();
    var link = target && target.closest ? target.closest('a[data-export]') : null;
    if (link && teams) { event.preventDefault(); download(link); }
  });
  if (!root || !root.hasAttribute('data-bron')) return;
  var framed = window.parent !== window || 'nativeInterface' in window;
  var src = html.getAttribute('data-teams-js');
  if (!framed || !src) { say('data-buiten'); return; }
  within(load(src), 8000)
    .then(function (sdk) { teams = sdk; return within(teams.app.initialize(), 8000); })
    .then(function () { return teams.app.getContext(); })
    .then(function (context) {
      theme(context.app && context.app.theme);
      teams.app.registerOnThemeChangeHandler(theme);
      // A shared Teams deep link carries the filters in subPageId; the page's own query wins.
      var sub = (context.page && context.page.subPageId) || '';
      var query = location.search || (/^[A-Za-z0-9=&%._-]+$/.test(sub) ? '?' + sub : '');
      return teams.authentication.getAuthToken().then(function (token) {
        return fetch(root.getAttribute('data-bron') + query, { headers: { Authorization: 'Bearer ' + token }, credentials: 'omit', cache: 'no-store' });
      }, function () { say('data-geen-token'); return undefined; });
    })
    .then(function (response) {
      if (!response) return;
      if (!/^text\\/html/.test(response.headers.get('content-type') || '')) { say('data-fout'); return; }
      return response.text().then(function (body) { root.innerHTML = body; root.removeAttribute('aria-busy'); });
    })
    .catch(function () { say('data-buiten'); });
})();
`;

export const CONFIG_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('instellen');
  var status = document.getElementById('status');
  var teams;
  function say(key) { status.textContent = status.getAttribute(key) || ''; }
  function theme(t) { document.documentElement.setAttribute('data-theme', t === 'dark' ? 'dark' : t === 'contrast' ? 'contrast' : 'default'); }
  function target() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value) params.append(key, String(value)); });
    var query = params.toString();
    return location.origin + form.getAttribute('data-rapport') + (query ? '?' + query : '');
  }
  var framed = window.parent !== window || 'nativeInterface' in window;
  var src = document.documentElement.getAttribute('data-teams-js');
  if (!form || !status) return;
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  if (!framed || !src) { say('data-buiten'); return; }
  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = function () { if (window.microsoftTeams) resolve(window.microsoftTeams); else reject(new Error('teams-js')); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  load(src)
    .then(function (sdk) { teams = sdk; return teams.app.initialize(); })
    .then(function () { return teams.app.getContext(); })
    .then(function (context) {
      theme(context.app && context.app.theme);
      teams.pages.config.registerOnSaveHandler(function (save) {
        var url = target();
        teams.pages.config.setConfig({ entityId: 'rapport', contentUrl: url, websiteUrl: url, suggestedDisplayName: form.getAttribute('data-naam') })
          .then(function () { save.notifySuccess(); }, function () { save.notifyFailure('setConfig'); });
      });
      teams.pages.config.setValidityState(true);
      say('data-klaar');
    })
    .catch(function () { say('data-buiten'); });
})();
`;

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 10);
export const TAB_SCRIPT_VERSION = hash(TAB_SCRIPT);
export const CONFIG_SCRIPT_VERSION = hash(CONFIG_SCRIPT);
