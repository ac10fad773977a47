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
<% for (const l of it.languages) { %><li><a href="<%= l.href %>" lang="<%= l.code %>" hreflang="<%= l.code %>" dir="<%= l.dir %>"<% if (l.current) { %> aria-current="page"<% } %>><%= l.name %></a></li>
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

const FORM = `<h1><%= it.title %></h1>
<% if (it.problems.length > 0) { %>
<div class="summary" role="alert">
<h2><%= it.errorSummary %></h2>
<ul>
<% for (const p of it.problems) { %><li><a href="#<%= p.anchor %>"><%= p.text %></a></li>
<% } %></ul>
</div>
<% } %>
<p><%= it.intro %></p>
<p class="note"><%= it.skip %> <%= it.anonymous %></p>
<form method="post" action="<%= it.action %>">
<input type="hidden" name="taal" value="<%= it.lang %>">
<% for (const q of it.questions) { %>
<% if (q.kind === 'text') { %>
<div class="question<% if (q.error) { %> has-error<% } %>">
<label class="label" for="<%= q.anchor %>"><%= q.label %> <span class="tag">(<%= q.tag %>)</span></label>
<p class="hint" id="<%= q.anchor %>-hint"><%= q.hint %></p>
<% if (q.error) { %><p class="error" id="<%= q.anchor %>-error"><%= q.error %></p><% } %>
<textarea id="<%= q.anchor %>" name="<%= q.id %>" dir="auto" rows="4" maxlength="<%= q.maxLength %>" aria-describedby="<%= q.describedBy %>"<% if (q.error) { %> aria-invalid="true"<% } %>><%= q.value %></textarea>
</div>
<% } else { %>
<fieldset class="question<% if (q.error) { %> has-error<% } %>"<% if (q.describedBy) { %> aria-describedby="<%= q.describedBy %>"<% } %>>
<legend><%= q.label %> <span class="tag">(<%= q.tag %>)</span></legend>
<% if (q.hint) { %><p class="hint" id="<%= q.anchor %>-hint"><%= q.hint %></p><% } %>
<% if (q.error) { %><p class="error" id="<%= q.anchor %>-error"><%= q.error %></p><% } %>
<div class="options<% if (q.kind === 'score') { %> scores<% } %>">
<% for (const o of q.options) { %><label class="option" for="<%= o.id %>"><input type="radio" id="<%= o.id %>" name="<%= q.id %>" value="<%= o.value %>"<% if (o.checked) { %> checked<% } %>><% if (o.face) { %><%~ o.face %><% } %><span><%= o.label %></span></label>
<% } %></div>
</fieldset>
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
<p class="howto"><%= it.howTo %></p>
</div>
`;

/** Five faces from very sad to very happy: a drawing beside the words, hidden from screen readers. */
const MOUTHS = ['M11 26 Q18 19 25 26', 'M12 25 Q18 22.5 24 25', 'M12 24 L24 24', 'M12 23 Q18 26.5 24 23', 'M11 22 Q18 30 25 22'] as const;
export const FACES: readonly string[] = MOUTHS.map(
  (d) =>
    `<svg class="face" viewBox="0 0 36 36" aria-hidden="true" focusable="false"><circle cx="18" cy="18" r="16" fill="none" stroke="currentColor" stroke-width="2.5"/><circle cx="12.5" cy="14" r="2.2" fill="currentColor"/><circle cx="23.5" cy="14" r="2.2" fill="currentColor"/><path d="${d}" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></svg>`,
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
