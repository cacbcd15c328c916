/** The 8D report as one self-contained HTML page (inline style, no script, no external resource; all text escaped). */
import type { EightDReport, ReportBlock } from './eight-d-report';

/** Text as HTML: `& < > " '` escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",Arial,sans-serif;font-size:14px;
color:#1a1a1a;max-width:960px;margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;margin:28px 0 4px;border-bottom:1px solid #bbb;padding-bottom:2px}
.meta{color:#666;font-size:12px;margin:0 0 8px}.caption{font-weight:600;margin:10px 0 4px}
table{border-collapse:collapse;width:100%;margin:4px 0 10px}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;
vertical-align:top;white-space:pre-wrap}th{background:#f0f0f0}table.fields th{width:28%}
table.header th{width:22%}footer{color:#666;font-size:12px;margin-top:32px;border-top:1px solid #ddd;padding-top:6px}
`;

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'fields':
      return `<table class="fields">${b.rows
        .map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td>${escapeHtml(r.value)}</td></tr>`)
        .join('')}</table>`;
    case 'table': {
      const caption = b.caption ? `<p class="caption">${escapeHtml(b.caption)}</p>` : '';
      const head = `<tr>${b.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
      return `${caption}<table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
    }
    case 'list': {
      const caption = b.caption ? `<p class="caption">${escapeHtml(b.caption)}</p>` : '';
      return `${caption}<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    }
  }
}

/** The report as an HTML document. */
export function renderReportHtml(report: EightDReport): string {
  const header = report.header
    .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`)
    .join('');
  const sections = report.sections
    .map(
      (s) =>
        `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.heading)}</h2>` +
        `${s.meta ? `<p class="meta">${escapeHtml(s.meta)}</p>` : ''}${s.blocks.map(block).join('')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(report.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${report.title} — ${report.carNumber}`)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<table class="header">${header}</table>
${sections}
<footer>${escapeHtml(report.footer)}</footer>
</body>
</html>
`;
}
