// The one stylesheet of the survey pages, as a string so it ships inside the esbuild bundle and
// the TypeScript sources alike. Served from /s/stijl.css?v=<hash> with a long cache: the hash
// changes with the content. Logical properties (inline-start/end) so Arabic mirrors by itself.
// Colours: text and buttons at least 7:1 or 4.5:1 on their background (WCAG AA).
import { createHash } from 'node:crypto';

export const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;font-size:112.5%;line-height:1.5;color:#1b1b1b;background:#fff;-webkit-text-size-adjust:100%}
body{margin:0}
.top,main,footer{max-width:38rem;margin:0 auto;padding:0 1rem}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem;padding-top:.5rem;border-bottom:1px solid #d0d0d0}
.brand{margin:0;font-weight:700;font-size:1.25rem;color:#0a5563}
.languages{display:flex;flex-wrap:wrap;gap:0 .25rem;margin:0;padding:0;list-style:none}
.languages a{display:inline-flex;align-items:center;min-height:44px;padding:0 .5rem;color:#0a5563;font-size:.95rem}
.languages a[aria-current]{font-weight:700;text-decoration:none;color:#1b1b1b}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.45rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.2rem;margin:0 0 .5rem}
p{margin:0 0 1rem}
a{color:#0a5563}
a:focus-visible,input:focus-visible,textarea:focus-visible,button:focus-visible{outline:3px solid #1b1b1b;outline-offset:3px}
.option:has(input:focus-visible){outline:3px solid #1b1b1b;outline-offset:2px}
.note{color:#3d3d3d}
.summary{border:3px solid #a4002a;padding:1rem;margin:0 0 1.5rem;border-radius:.5rem}
.summary ul{margin:0;padding-inline-start:1.25rem}
.summary a{color:#a4002a;font-weight:700}
.question{border:0;margin:0 0 1.25rem;padding:0;min-width:0}
.question legend,.question .label{display:block;font-weight:700;font-size:1.1rem;margin:0 0 .5rem;padding:0}
.tag{font-weight:400;color:#3d3d3d;font-size:.95rem}
.hint{color:#3d3d3d;margin:-.25rem 0 .5rem}
.has-error{border-inline-start:5px solid #a4002a;padding-inline-start:.75rem}
.error{color:#a4002a;font-weight:700;margin:0 0 .5rem}
.options{display:flex;flex-wrap:wrap;gap:.5rem}
.options .option{flex:1 1 auto;gap:.4rem;padding:.4rem .55rem;font-size:.9rem}
.option{display:flex;align-items:center;gap:.5rem;min-height:48px;padding:.5rem .6rem;border:2px solid #6b6b6b;border-radius:.5rem;cursor:pointer;background:#fff}
.option:has(input:checked){border-color:#0a5563;background:#e3f1f3;box-shadow:inset 0 0 0 2px #0a5563}
.option input{flex:none;width:1.25rem;height:1.25rem;margin:0;accent-color:#0a5563}
.question{scroll-margin-top:1rem}
.faces legend{font-size:1rem;font-weight:400;color:#3d3d3d}
.options.scores{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:.3rem}
.scores .option{flex-direction:column;justify-content:flex-start;text-align:center;gap:.2rem;padding:.4rem .1rem;min-height:5.75rem;font-size:.8rem;line-height:1.2;overflow-wrap:anywhere}
.scores .option input{order:3;margin-top:auto}
.face{flex:none;width:2.75rem;height:2.75rem}
.faces + .note{margin-top:-1rem;margin-bottom:1.75rem}
.language{display:inline-flex;align-items:center;min-height:44px;padding:0 .5rem;color:#0a5563;font:inherit;font-size:.95rem;text-decoration:underline;background:none;border:0;cursor:pointer}
textarea{display:block;width:100%;min-height:4.5rem;padding:.5rem;font:inherit;color:inherit;border:2px solid #6b6b6b;border-radius:.5rem;resize:vertical}
.send{display:block;width:100%;min-height:52px;padding:.75rem 1.5rem;font:inherit;font-weight:700;font-size:1.15rem;color:#fff;background:#0a5563;border:0;border-radius:.5rem;cursor:pointer}
.send:hover{background:#073f4a}
footer{padding-top:1rem;padding-bottom:2rem;border-top:1px solid #d0d0d0;color:#3d3d3d;font-size:.9rem}
.print{text-align:center}
.print h1{font-size:2rem}
.print .lead{font-size:1.3rem}
.qr{margin:1.5rem auto;max-width:22rem}
.qr svg{display:block;width:100%;height:auto}
.link{font-size:.85rem;overflow-wrap:anywhere;color:#3d3d3d}
.link .code{white-space:nowrap}
.short{font-size:1.1rem;font-weight:700;letter-spacing:.03em}
.until{font-size:1rem}
.howto{font-size:.9rem;color:#3d3d3d;margin-top:1.5rem}
.kaart h1{font-size:1.3rem}
.kaart .lead{font-size:1rem}
.kaart .qr{max-width:12rem;margin:.75rem auto}
@page{size:A4 portrait;margin:18mm}
@page kaart{size:105mm 148mm;margin:8mm}
main.kaart{page:kaart}
@media print{
.top,footer,.howto{display:none}
main{max-width:none;padding:0}
.print h1{font-size:26pt}
.print .lead{font-size:16pt}
.qr{max-width:120mm}
.kaart h1{font-size:14pt}
.kaart .lead{font-size:10pt}
.kaart .qr{max-width:60mm}
}
`.trim();

export const STYLESHEET_VERSION = createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 10);
