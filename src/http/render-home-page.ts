import type { RelationshipSummary } from '../services/list-relationships.ts';

// A plain page so `npm start` has something to click until the web app arrives: the relationships
// and links to their analysis and bundle in the JSON API.
export function renderHomePage(relationships: readonly RelationshipSummary[]): string {
  const items = relationships
    .map(
      (
        r,
      ) => `<li><strong>${escapeHtml(r.name)}</strong> — ${escapeHtml(r.sides.A.name)} and ${escapeHtml(r.sides.B.name)},
      ${r.waves} wave${r.waves === 1 ? '' : 's'}${r.latestWave ? ` (latest: ${escapeHtml(r.latestWave)})` : ''}
      — <a href="/relationships/${r.id}/report">report</a>, <a href="/api/relationships/${r.id}/analysis">analysis (JSON)</a>, <a href="/api/relationships/${r.id}/bundle">bundle (JSON)</a></li>`,
    )
    .join('\n');
  return page(
    'Trustloop',
    `<h1>Trustloop</h1>
<p>Diagnose trust on both sides of a relationship, share the findings, act together, re-measure.</p>
<h2>Relationships</h2>
${relationships.length === 0 ? '<p>No relationships yet. Run <code>npx trustloop demo</code> or <code>npx trustloop import &lt;bundle&gt;</code>.</p>' : `<ul>\n${items}\n</ul>`}
<p><a href="/health">Health</a> · <a href="/api/relationships">API: relationships</a></p>`,
  );
}

/** The analysis report as `trustloop analyze` prints it, on a page. */
export function renderReportPage(name: string, report: string): string {
  return page(
    `${name} — Trustloop`,
    `<p><a href="/">← Relationships</a></p>
<h1>${escapeHtml(name)}</h1>
<pre>${escapeHtml(report)}</pre>`,
    'max-width:none',
  );
}

function page(title: string, body: string, mainStyle = ''): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;padding:0 1rem;color:#1a1a1a}main{max-width:48rem;margin:auto;${mainStyle}}a{color:#0b5cad}pre{font-size:13px;overflow-x:auto}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
