/**
 * The monthly report as CSV in long form — one line per figure: `month,table,row,column,value` — so every
 * table of the page fits one file a spreadsheet can pivot; headers, names and the month in the reader's
 * language. UTF-8 with a byte-order mark (Excel reads the Chinese right); text that a spreadsheet would run
 * as a formula is prefixed with an apostrophe.
 */
import type { MonthlyReport } from '../domain/monthly-report/monthly-report';
import { reportSections, reportWords, type Cell, type ReportReading } from './monthly-report-tables';

function field(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV text. */
export function renderMonthlyReportCsv(report: MonthlyReport, reading: ReportReading): string {
  const words = reportWords(report, reading);
  const month = words.month(report.month);
  const lines = [words.t.csv.map(field).join(',')];
  for (const section of reportSections(report, reading))
    for (const table of section.tables)
      for (const row of table.rows)
        row.forEach((value, i) => {
          if (i === 0 && table.columns.length > 1) return;
          lines.push([month, table.name, row[0] ?? '', table.columns[i] ?? '', value].map(field).join(','));
        });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
