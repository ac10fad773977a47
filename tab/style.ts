// The one stylesheet of the report tab and the annex, as a string so it ships inside the esbuild
// bundle. Three themes as Teams names them (html[data-theme] = default, dark, contrast; the
// script sets it from the Teams context, a plain browser follows prefers-color-scheme), each with
// text at least 4.5:1 and chart colours at least 3:1 on its background. The charts are inline SVG
// coloured by these classes, so one drawing serves every theme. Print: A4, tables only.
import { createHash } from 'node:crypto';

export const TAB_STYLESHEET = `
:root{--bg:#fff;--fg:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--panel:#f4f6f8;--link:#0a5563;--accent:#2b6f8e;--warn-bg:#fff4ce;--warn-fg:#4d3800;--warn-line:#8a6d00;--s0:#2b6f8e;--s1:#6a4c93;--s2:#b3541e;--s3:#2e7d32;--s4:#8c1d40;--s5:#5b6770;--tick:#1b1b1b}
@media (prefers-color-scheme:dark){html:not([data-theme]){--bg:#1f1f1f;--fg:#f0f0f0;--muted:#c8c8c8;--line:#555;--panel:#2b2b2b;--link:#8fd3ea;--accent:#8fd3ea;--warn-bg:#3d3200;--warn-fg:#ffe99a;--warn-line:#c9a400;--s0:#5fb4d6;--s1:#b79be0;--s2:#f0955a;--s3:#7bc47f;--s4:#f08aa8;--s5:#aab6bf;--tick:#f0f0f0}}
html[data-theme=dark]{--bg:#1f1f1f;--fg:#f0f0f0;--muted:#c8c8c8;--line:#555;--panel:#2b2b2b;--link:#8fd3ea;--accent:#8fd3ea;--warn-bg:#3d3200;--warn-fg:#ffe99a;--warn-line:#c9a400;--s0:#5fb4d6;--s1:#b79be0;--s2:#f0955a;--s3:#7bc47f;--s4:#f08aa8;--s5:#aab6bf;--tick:#f0f0f0}
html[data-theme=contrast]{--bg:#000;--fg:#fff;--muted:#fff;--line:#fff;--panel:#000;--link:#ffff00;--accent:#ffff00;--warn-bg:#000;--warn-fg:#ffff00;--warn-line:#ffff00;--s0:#ffff00;--s1:#00ffff;--s2:#ff80ff;--s3:#80ff80;--s4:#ffb060;--s5:#ffffff;--tick:#fff}
*,*::before,*::after{box-sizing:border-box}
html{font-family:"Segoe UI",system-ui,-apple-system,Roboto,"Noto Sans",sans-serif;font-size:100%;line-height:1.45;color:var(--fg);background:var(--bg);-webkit-text-size-adjust:100%}
body{margin:0}
.top,main{max-width:76rem;margin:0 auto;padding:0 1rem}
.top{padding-top:.75rem;border-bottom:1px solid var(--line)}
h1{font-size:1.5rem;line-height:1.2;margin:0 0 .5rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:2px solid var(--accent)}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
p{margin:0 0 .75rem}
a{color:var(--link)}
a:focus-visible,input:focus-visible,select:focus-visible,button:focus-visible{outline:3px solid var(--fg);outline-offset:2px}
.muted{color:var(--muted)}
.dev{border:3px dashed var(--warn-line);background:var(--warn-bg);color:var(--warn-fg);padding:.5rem .75rem;margin:0 0 .75rem;border-radius:.25rem}
.dev strong{display:block}
.dev form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-top:.25rem}
.problems{border:3px solid #a4002a;padding:.75rem 1rem;margin:1rem 0;border-radius:.25rem}
html[data-theme=dark] .problems,html[data-theme=contrast] .problems{border-color:var(--warn-line)}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:end;margin:1rem 0;padding:.75rem;background:var(--panel);border:1px solid var(--line);border-radius:.25rem}
.field{display:flex;flex-direction:column;gap:.2rem;min-width:9rem;flex:1 1 9rem}
label{font-weight:600;font-size:.95rem}
input,select,button{font:inherit;min-height:44px;padding:.3rem .5rem;border:1px solid var(--muted);border-radius:.25rem;background:var(--bg);color:var(--fg)}
button{background:var(--accent);color:var(--bg);border-color:var(--accent);font-weight:600;padding:.3rem 1rem;cursor:pointer}
.meta{margin:.75rem 0}
.keys{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.75rem;margin:1rem 0;padding:0;list-style:none}
.keys li{background:var(--panel);border:1px solid var(--line);border-radius:.25rem;padding:.6rem .75rem}
.keys .n{display:block;font-size:1.6rem;font-weight:700;line-height:1.2}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem 2rem;align-items:start;margin:0 0 1.25rem}
.pair.solo{grid-template-columns:minmax(0,1fr)}
@media (max-width:52rem){.pair{grid-template-columns:minmax(0,1fr)}}
@media (max-width:30rem){table{font-size:.85rem}th,td{padding:.3rem .3rem}}
figure{margin:0}
svg.chart{display:block;width:100%;max-width:36rem;height:auto;overflow:visible}
svg .s0{fill:var(--s0)}svg .s1{fill:var(--s1)}svg .s2{fill:var(--s2)}svg .s3{fill:var(--s3)}svg .s4{fill:var(--s4)}svg .s5{fill:var(--s5)}
svg .tick,svg .axis{fill:var(--tick)}
svg .rest{fill:none;stroke:var(--muted);stroke-width:1.5;stroke-dasharray:3 2}
svg text{fill:var(--fg);font-size:13px}
svg .val{font-weight:600}
svg .hid{fill:var(--muted);font-style:italic}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0 0;padding:0;list-style:none;font-size:.9rem}
.legend span{display:inline-block;width:.9rem;height:.9rem;margin-inline-end:.35rem;vertical-align:-.1rem;border:1px solid var(--fg)}
.legend .s0{background:var(--s0)}.legend .s1{background:var(--s1)}.legend .s2{background:var(--s2)}.legend .s3{background:var(--s3)}.legend .s4{background:var(--s4)}.legend .s5{background:var(--s5)}.legend .tick{background:var(--tick);width:.25rem}.legend .rest{background:none;border:1.5px dashed var(--muted)}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus-visible{outline:3px solid var(--fg);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:start;font-weight:700;padding:0 0 .35rem}
th,td{padding:.3rem .5rem;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
th.num{text-align:end}
td.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
th[scope=row]{overflow-wrap:break-word}
td.hid{color:var(--muted);font-style:italic}
tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--fg)}
.notes{margin:.25rem 0 0;padding-inline-start:1.1rem;color:var(--muted);font-size:.9rem}
.texts{margin:0 0 1rem;padding-inline-start:1.1rem}
.texts li{margin:0 0 .35rem;white-space:pre-wrap;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.5rem 0 1rem}
.actions a{display:inline-flex;align-items:center;min-height:44px}
.status{padding:1rem 0}
.annex h2{break-after:avoid}
.annex .rules{break-before:page}
.annex section{break-inside:auto}
.annex table{break-inside:auto}
.annex tr{break-inside:avoid}
.print-only{display:none}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
:root,html[data-theme]{--bg:#fff;--fg:#000;--muted:#333;--line:#999;--panel:#fff;--link:#000;--accent:#000}
html{font-size:10pt}
.top,main{max-width:none;padding:0}
.filters,.dev,.actions,.no-print{display:none}
.print-only{display:block}
h2{margin-top:1.2rem}
thead{display:table-header-group}
a{text-decoration:none}
}
`;

export const TAB_STYLESHEET_VERSION = createHash('sha256').update(TAB_STYLESHEET).digest('hex').slice(0, 10);
