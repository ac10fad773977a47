// The survey's HTML, as eta templates compiled once at start-up. eta escapes every `<%= %>`;
// `<%~ %>` (raw) is used only for HTML this module made itself: the page body rendered by another
// template, the smiley drawings below and the QR code's SVG — never for anything a person typed.
// Templates hold no product text: every word comes from the catalogues (survey/i18n/).
// Text boxes are dir="auto": Arabic typed on a Dutch page (or Dutch on an Arabic one) reads right.
import { Eta } from 'eta';

const LAYOUT = `<!doctype html>
<html lang="<%= it.lang %>" dir="<%= it.dir %>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title><%= it.title %> · <%= it.siteName %></title>
<link rel="stylesheet" href="<%= it.stylesheet %>">
</head>
<body>
<header class="top">
<p class="brand"><%= it.siteName %></p>
<nav aria-label="<%= it.languageNav %>">
<ul class="languages">
<% for (const l of it.languages) { %><li><% if (it.languageForm && !l.current) { %><button class="language" type="submit" form="<%= it.languageForm %>" formaction="<%= l.action %>" formnovalidate lang="<%= l.code %>" dir="<%= l.dir %>"><%= l.name %></button><% } else { %><a href="<%= l.href %>" lang="<%= l.code %>" hreflang="<%= l.code %>" dir="<%= l.dir %>"<% if (l.current) { %> aria-current="page"<% } %>><%= l.name %></a><% } %></li>
<% } %></ul>
</nav>
</header>
<main<% if (it.mainClass) { %> class="<%= it.mainClass %>"<% } %>>
<%~ it.body %>
</main>
<footer><p><%= it.footer %></p></footer>
</body>
</html>
`;

const MESSAGE = `<h1><%= it.title %></h1>
<p><%= it.body %></p>
`;

// The organisation's name sits in <bdi>: a Latin name inside an Arabic sentence (or the other way
// round) keeps its own direction, so the question mark and the words around it stay in place.
const FORM = `<h1><%= it.heading.before %><bdi><%= it.heading.organisation %></bdi><%= it.heading.after %></h1>
<% if (it.notice) { %>
<div class="summary" role="alert"><p><%= it.notice %></p></div>
<% } %>
<% if (it.problems.length > 0) { %>
<div class="summary" role="alert">
<h2><%= it.errorSummary %></h2>
<ul>
<% for (const p of it.problems) { %><li><a href="#<%= p.anchor %>"><%= p.text %></a></li>
<% } %></ul>
</div>
<% } %>
<form id="<%= it.id %>" method="post" action="<%= it.action %>">
<input type="hidden" name="taal" value="<%= it.lang %>">
<input type="hidden" name="vragenlijst" value="<%= it.setId %>">
<% for (const q of it.questions) { %>
<% if (q.kind === 'text') { %>
<div class="question<% if (q.error) { %> has-error<% } %>" id="<%= q.box %>">
<label class="label" for="<%= q.anchor %>"><%= q.label %></label>
<p class="hint" id="<%= q.anchor %>-hint"><%= q.hint %></p>
<% if (q.error) { %><p class="error" id="<%= q.anchor %>-error"><%= q.error %></p><% } %>
<textarea id="<%= q.anchor %>" name="<%= q.id %>" dir="auto" rows="3" maxlength="<%= q.maxLength %>" aria-describedby="<%= q.describedBy %>"<% if (q.error) { %> aria-invalid="true"<% } %>><%= q.value %></textarea>
</div>
<% } else { %>
<fieldset class="question<% if (q.kind === 'score') { %> faces<% } %><% if (q.error) { %> has-error<% } %>" id="<%= q.box %>"<% if (q.describedBy) { %> aria-describedby="<%= q.describedBy %>"<% } %>>
<legend><%= q.label %></legend>
<% if (q.hint) { %><p class="hint" id="<%= q.anchor %>-hint"><%= q.hint %></p><% } %>
<% if (q.error) { %><p class="error" id="<%= q.anchor %>-error"><%= q.error %></p><% } %>
<div class="options cols-<%= q.columns %><% if (q.kind === 'score') { %> scores<% } %>">
<% for (const o of q.options) { %><label class="option<% if (o.score) { %> score-<%= o.score %><% } %>" for="<%= o.id %>"><input type="radio" id="<%= o.id %>" name="<%= q.id %>" value="<%= o.value %>"<% if (o.checked) { %> checked<% } %>><% if (o.face) { %><%~ o.face %><% } %><span><%= o.label %></span></label>
<% } %></div>
</fieldset>
<% if (q.kind === 'score') { %><p class="note"><%= it.skip %> <%= it.anonymous %></p><% } %>
<% } %>
<% } %>
<button class="send" type="submit"><%= it.send %></button>
</form>
`;

const PRINT = `<div class="print">
<h1><%= it.line1 %></h1>
<p class="lead"><%= it.line2 %></p>
<div class="qr" role="img" aria-label="<%= it.qrLabel %>"><%~ it.qrSvg %></div>
<p class="link"><%= it.linkBase %><span class="code"><%= it.linkCode %></span></p>
<p class="short"><%= it.codeLabel %>: <span class="code" dir="ltr"><%= it.code %></span></p>
<p class="until"><%= it.until %></p>
<p class="howto"><%= it.howTo %></p>
</div>
`;

/**
 * Five faces from very sad to very happy, hidden from screen readers (the words say it). They
 * differ at a glance, not only by the mouth: each has its own colour (red, orange, yellow, light
 * green, green) and the happiest is filled, with an open laugh, so "Goed" and "Heel goed" never
 * look alike; the saddest has frowning brows. Colours are backed by the words under each face.
 */
const FACE_STYLE = [
  { fill: '#fde0dc', ink: '#a4002a', mouth: '<path d="M10.5 27 Q18 18.5 25.5 27" fill="none" stroke-width="2.8" stroke-linecap="round"/>', extra: '<path d="M8.5 9.5 L15 11.5 M27.5 9.5 L21 11.5" fill="none" stroke-width="2.4" stroke-linecap="round"/>' },
  { fill: '#ffe6c7', ink: '#8a3f00', mouth: '<path d="M12 25.5 Q18 22 24 25.5" fill="none" stroke-width="2.6" stroke-linecap="round"/>', extra: '' },
  { fill: '#fff3b8', ink: '#5c4d00', mouth: '<path d="M12 24 L24 24" fill="none" stroke-width="2.6" stroke-linecap="round"/>', extra: '' },
  { fill: '#d9f2d4', ink: '#1e6b2a', mouth: '<path d="M11.5 22.5 Q18 28 24.5 22.5" fill="none" stroke-width="2.6" stroke-linecap="round"/>', extra: '' },
  { fill: '#1e6b2a', ink: '#ffffff', mouth: '<path d="M9.5 20.5 Q18 33 26.5 20.5 Z" stroke-width="1.5" stroke-linejoin="round" fill="#ffffff"/>', extra: '' },
] as const;
export const FACES: readonly string[] = FACE_STYLE.map(
  (f) =>
    `<svg class="face" viewBox="0 0 36 36" aria-hidden="true" focusable="false"><circle cx="18" cy="18" r="16.5" fill="${f.fill}" stroke="${f.ink}" stroke-width="2"/><g stroke="${f.ink}" fill="${f.ink}"><circle cx="12.5" cy="14.5" r="2.3" stroke="none"/><circle cx="23.5" cy="14.5" r="2.3" stroke="none"/>${f.extra}${f.mouth}</g></svg>`,
);

const eta = new Eta({ autoEscape: true, useWith: false, varName: 'it', cache: true });
eta.loadTemplate('@layout', LAYOUT);
eta.loadTemplate('@message', MESSAGE);
eta.loadTemplate('@form', FORM);
eta.loadTemplate('@print', PRINT);

export type TemplateName = '@layout' | '@message' | '@form' | '@print';

export function renderTemplate(name: TemplateName, data: object): string {
  return eta.render(name, data);
}
