/**
 * The monthly report as one self-contained HTML page in the reader's language: inline style and SVG charts,
 * no script, all text escaped.
 */
import type { MonthlyReport } from '../domain/monthly-report/monthly-report';
import { paretoChart, slaChart, trendChart } from './monthly-report-charts';
import { reportSections, reportWords, type Cell, type ReportReading } from './monthly-report-tables';
import { escapeHtml } from './render-html';

const STYLE = `
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",Arial,sans-serif;font-size:14px;
color:#1a1a1a;max-width:960px;margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #bbb;padding-bottom:2px}
.meta{color:#666;font-size:12px;margin:0 0 12px}.caption{font-weight:600;margin:10px 0 4px}
.note{color:#555;font-size:12px;margin:4px 0}figure{margin:8px 0}figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;margin:4px 0 10px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}tr.top3 td{background:#fdecea}
`;

const cell = (c: Cell) =>
  typeof c === 'number' ? `<td class="n">${c.toLocaleString('en-US')}</td>` : `<td>${escapeHtml(c ?? '—')}</td>`;

/** The report as an HTML document. */
export function renderMonthlyReportHtml(report: MonthlyReport, reading: ReportReading): string {
  const charts = { pareto: paretoChart, trend: trendChart, sla: slaChart };
  const words = reportWords(report, reading);
  const sections = reportSections(report, reading)
    .map((s) => {
      const chart = s.chart ? `<figure id="chart-${s.chart}">${charts[s.chart](report, reading)}</figure>` : '';
      const tables = s.tables
        .map((t) => {
          const caption = t.caption ? `<p class="caption">${escapeHtml(t.caption)}</p>` : '';
          const head = `<tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
          const rows = t.rows
            .map((r) => {
              const top3 = t.id === 'pareto' && typeof r[0] === 'number' && r[0] <= 3 ? ' class="top3"' : '';
              return `<tr${top3}>${r.map(cell).join('')}</tr>`;
            })
            .join('');
          return `${caption}<table id="${t.id}"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
        })
        .join('');
      const notes = (s.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
      return `<section><h2>${escapeHtml(s.heading)}</h2>${chart}${tables}${notes}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${reading.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(words.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(words.title)}</h1>
<p class="meta">${escapeHtml(words.meta)}</p>
${sections}
</body></html>`;
}
