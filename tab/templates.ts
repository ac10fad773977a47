// The tab's HTML as eta templates, compiled once. eta escapes every `<%= %>`, which is how every
// organisation name, label and free-text answer reaches the page; `<%~ %>` (raw) is used only for
// HTML these templates made themselves (a fragment rendered by another template here). The SVG
// charts are drawn here too, from the geometry in tab/charts.ts, so their labels are escaped alike.
// Words come from tab/texts.ts; the templates only loop and print.
import { Eta } from 'eta';

const SHELL = `<!doctype html>
<html lang="nl"<% if (it.theme) { %> data-theme="<%= it.theme %>"<% } %><% if (it.teamsJs) { %> data-teams-js="<%= it.teamsJs %>"<% } %>>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title><%= it.title %></title>
<link rel="stylesheet" href="<%= it.stylesheet %>">
<% for (const src of it.scripts) { %><script src="<%= src %>" defer></script>
<% } %></head>
<body>
<header class="top">
<% if (it.dev) { %><div class="dev" role="region" aria-label="<%= it.dev.label %>">
<strong><%= it.dev.title %></strong>
<p><%= it.dev.body %></p>
<form method="get" action="<%= it.dev.action %>">
<% for (const h of it.dev.hidden) { %><input type="hidden" name="<%= h.name %>" value="<%= h.value %>">
<% } %><div class="field"><label for="als"><%= it.dev.pick %></label>
<select id="als" name="als">
<option value=""><%= it.dev.nobody %></option>
<% for (const p of it.dev.people) { %><option value="<%= p.value %>"<% if (p.selected) { %> selected<% } %>><%= p.label %></option>
<% } %></select></div>
<button type="submit"><%= it.dev.submit %></button>
</form>
</div>
<% } %><h1><%= it.heading %></h1>
</header>
<main>
<%~ it.body %>
</main>
</body>
</html>
`;

const PROBLEMS = `<div class="problems" role="alert">
<h2><%= it.title %></h2>
<ul>
<% for (const p of it.problems) { %><li><%= p %></li>
<% } %></ul>
</div>
`;

const PLACEHOLDER = `<div id="inhoud" aria-live="polite"<% if (it.source) { %> data-bron="<%= it.source %>" data-buiten="<%= it.outside %>" data-geen-token="<%= it.noToken %>" data-fout="<%= it.failed %>" aria-busy="true"<% } %>><%~ it.content %></div>
<% if (it.source) { %><noscript><p><%= it.noscript %></p></noscript>
<% } %>`;

const MESSAGE = `<div class="status" role="status"><p><%= it.text %></p></div>
`;

const CHART = `<figure>
<svg class="chart" viewBox="0 0 <%= it.width %> <%= it.chart.height %>" width="<%= it.width %>" height="<%= it.chart.height %>" role="img" aria-labelledby="<%= it.id %>-t"><title id="<%= it.id %>-t"><%= it.label %></title>
<% for (const r of it.chart.rects) { %><rect class="<%= r.cls %>" x="<%= r.x %>" y="<%= r.y %>" width="<%= r.w %>" height="<%= r.h %>"/>
<% } %><% for (const t of it.chart.texts) { %><text class="<%= t.cls %>" x="<%= t.x %>" y="<%= t.y %>" text-anchor="<%= t.anchor %>"><%= t.text %></text>
<% } %></svg>
<% if (it.chart.legend.length > 0) { %><ul class="legend" aria-hidden="true">
<% for (const l of it.chart.legend) { %><li><span class="<%= l.cls %>"></span><%= l.label %></li>
<% } %></ul>
<% } %></figure>
`;

// A narrow screen scrolls a wide table sideways inside its box: focusable and named, so it can be
// scrolled with the keyboard too (WCAG 2.1.1).
const TABLE = `<div class="scroll" tabindex="0" role="region" aria-label="<%= it.title %>"><table id="<%= it.id %>">
<% if (!it.headed) { %><caption><%= it.title %></caption><% } %>
<thead><tr><% for (const c of it.columns) { %><th scope="col"<% if (c.num) { %> class="num"<% } %>><%= c.label %></th><% } %></tr></thead>
<tbody>
<% for (const r of it.rows) { %><tr<% if (r.total) { %> class="total"<% } %>><th scope="row"><%= r.label %></th><% for (const c of r.cells) { %><td class="<%= c.cls %>"><%= c.shown %></td><% } %></tr>
<% } %></tbody>
</table></div>
<% if (it.notes.length > 0) { %><ul class="notes">
<% for (const n of it.notes) { %><li><%= n %></li>
<% } %></ul>
<% } %>`;

/** One table, with its chart beside it when it has one. */
const PAIR = `<div class="pair<% if (!it.chart) { %> solo<% } %>">
<% if (it.chart) { %><%~ include('@chart', it) %><% } %>
<div><%~ include('@table', it) %></div>
</div>
`;

const FILTERS = `<form class="filters" method="get" action="<%= it.action %>" aria-label="<%= it.label %>">
<% if (it.devPerson) { %><input type="hidden" name="als" value="<%= it.devPerson %>">
<% } %><div class="field"><label for="van"><%= it.t.from %></label><input id="van" name="van" type="month" value="<%= it.values.van %>" placeholder="2026-01"></div>
<div class="field"><label for="tot"><%= it.t.to %></label><input id="tot" name="tot" type="month" value="<%= it.values.tot %>" placeholder="2026-12"></div>
<% for (const s of it.selects) { %><div class="field"><label for="<%= s.name %>"><%= s.label %></label><select id="<%= s.name %>" name="<%= s.name %>">
<% for (const o of s.options) { %><option value="<%= o.value %>"<% if (o.selected) { %> selected<% } %>><%= o.label %></option>
<% } %></select></div>
<% } %><button type="submit"><%= it.t.show %></button>
</form>
`;

const REPORT = `<%~ include('@filters', it.filters) %>
<div class="meta">
<p><strong><%= it.meta.description %></strong></p>
<p><%= it.meta.snapshot %> <%= it.meta.scopeNote %></p>
<p class="muted"><%= it.meta.hiding %></p>
</div>
<div class="actions"><a href="<%= it.links.share %>"><%= it.links.shareLabel %></a><a href="<%= it.links.annex %>"><%= it.links.annexLabel %></a><% for (const x of it.links.exports) { %><a href="<%= x.href %>" data-export="<%= x.format %>" download><%= x.label %></a><% } %></div>
<p class="status" role="status" data-export-status data-fout="<%= it.links.exportFailed %>"></p>
<h2 id="kerncijfers"><%= it.keysTitle %></h2>
<ul class="keys">
<% for (const k of it.keys) { %><li><span class="n<% if (k.hidden) { %> muted<% } %>"><%= k.shown %></span><%= k.label %></li>
<% } %></ul>
<% if (it.ownReferrals) { %><section aria-labelledby="eigen"><h2 id="eigen"><%= it.ownReferrals.title %></h2>
<%~ include('@table', it.ownReferrals.table) %>
</section>
<% } %><% for (const f of it.figures) { %><section aria-labelledby="<%= f.anchor %>">
<h2 id="<%= f.anchor %>"><%= f.title %></h2>
<% for (const n of f.notes) { %><p class="muted"><%= n %></p>
<% } %><% if (f.survey) { %><ul class="keys"><% for (const k of f.survey.keys) { %><li><span class="n"><%= k.shown %></span><%= k.label %></li><% } %></ul>
<% if (f.survey.held) { %><p class="muted"><%= f.survey.held %></p><% } %>
<% } %><% for (const t of f.tables) { %><%~ include('@pair', t) %><% } %>
<% if (f.survey) { %><% for (const b of f.survey.freeText) { %><h3><%= b.label %></h3>
<% if (b.note) { %><p class="muted"><%= b.note %></p><% } %>
<% if (b.texts.length > 0) { %><ul class="texts"><% for (const x of b.texts) { %><li dir="auto"><%= x %></li><% } %></ul><% } %>
<% } %><% } %></section>
<% } %>`;

const ANNEX = `<div class="annex">
<div class="actions"><button type="button" data-afdrukken><%= it.print %></button><a href="<%= it.back %>"><%= it.backLabel %></a></div>
<p><strong><%= it.meta.description %></strong></p>
<p><%= it.meta.snapshot %> <%= it.meta.scopeNote %></p>
<h2 id="kerncijfers"><%= it.keysTitle %></h2>
<%~ include('@table', it.keyTable) %>
<% for (const f of it.figures) { %><section aria-labelledby="<%= f.anchor %>">
<h2 id="<%= f.anchor %>"><%= f.title %></h2>
<% for (const n of f.notes) { %><p class="muted"><%= n %></p>
<% } %><% for (const t of f.tables) { %><%~ include('@table', t) %><% } %>
</section>
<% } %><section class="rules" aria-labelledby="regels">
<h2 id="regels"><%= it.rules.title %></h2>
<p><strong><%= it.meta.snapshot %></strong></p>
<ul><% for (const r of it.rules.items) { %><li><%= r %></li><% } %></ul>
<p><%= it.meta.hiding %></p>
</section>
</div>
`;

const CONFIG = `<p><%= it.intro %></p>
<form id="instellen" data-rapport="<%= it.reportPath %>" data-naam="<%= it.tabName %>" class="filters" aria-label="<%= it.label %>">
<% for (const s of it.selects) { %><div class="field"><label for="<%= s.name %>"><%= s.label %></label><select id="<%= s.name %>" name="<%= s.name %>">
<% for (const o of s.options) { %><option value="<%= o.value %>"><%= o.label %></option>
<% } %></select></div>
<% } %></form>
<p id="status" class="status" role="status" data-buiten="<%= it.outside %>" data-klaar="<%= it.ready %>"></p>
`;

const eta = new Eta({ autoEscape: true, useWith: false, varName: 'it', cache: true, autoTrim: false });
eta.loadTemplate('@shell', SHELL);
eta.loadTemplate('@problems', PROBLEMS);
eta.loadTemplate('@message', MESSAGE);
eta.loadTemplate('@placeholder', PLACEHOLDER);
eta.loadTemplate('@chart', CHART);
eta.loadTemplate('@table', TABLE);
eta.loadTemplate('@pair', PAIR);
eta.loadTemplate('@filters', FILTERS);
eta.loadTemplate('@report', REPORT);
eta.loadTemplate('@annex', ANNEX);
eta.loadTemplate('@config', CONFIG);

export type TabTemplate = '@shell' | '@problems' | '@message' | '@placeholder' | '@report' | '@annex' | '@config';

export function renderTab(name: TabTemplate, data: object): string {
  return eta.render(name, data);
}
