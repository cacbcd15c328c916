/**
 * The monthly report as a PDF (pdfkit), A4 landscape, in the 8D report's font (Noto Sans CJK, REPORT_FONT_FILE),
 * in the reader's language: the same sections and tables as the HTML page, the Pareto drawn as bars with its
 * cumulative line and a legend in the bars' colours (the other charts are the tables under them), page
 * numbers at the foot.
 */
import { buffer } from 'node:stream/consumers';
import PDFDocument from 'pdfkit';
import type { MonthlyReport } from '../domain/monthly-report/monthly-report';
import {
  reportSections,
  reportWords,
  type Cell,
  type ReportReading,
  type ReportTable,
  type ReportWords,
} from './monthly-report-tables';
import { assertReportFont, REPORT_FONT_FACE } from './render-pdf';

type Doc = InstanceType<typeof PDFDocument>;

const MARGIN = 40;
const INK = '#1a1a1a';
const MUTED = '#666666';
const RULE = '#bbbbbb';
const BAR = '#4e79a7';
const TOP3 = '#e15759';
const LINE = '#f28e2b';
const PARETO_HEIGHT = 170;

const text = (c: Cell) => (c === null ? '—' : typeof c === 'number' ? c.toLocaleString('en-US') : c);

/** Starts a new page unless `height` points are still free. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
}

function table(doc: Doc, t: ReportTable): void {
  const width = doc.page.width - 2 * MARGIN;
  // each column as wide as its longest text needs, within 1:5
  const weights = t.columns.map((c, i) =>
    Math.min(5, Math.max(1, ...[c, ...t.rows.map((r) => text(r[i] ?? null))].map((s) => s.length / 10))),
  );
  const unit = width / weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => w * unit);
  doc.fontSize(8);
  const rowHeight = (cells: string[]) =>
    Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 6 }))) + 5;
  const row = (cells: string[], head: boolean) => {
    const height = rowHeight(cells);
    let x = MARGIN;
    const top = doc.y;
    cells.forEach((c, i) => {
      if (head) doc.rect(x, top, widths[i]!, height).fillColor('#efefef').fill();
      doc.rect(x, top, widths[i]!, height).lineWidth(0.4).strokeColor(RULE).stroke();
      doc.fillColor(INK).text(c, x + 3, top + 2.5, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  if (t.caption) {
    room(doc, 40);
    doc.fontSize(9).fillColor(INK).text(t.caption, MARGIN, doc.y, { width });
    doc.fontSize(8);
  }
  room(doc, 30);
  row(t.columns, true);
  for (const r of t.rows) {
    const cells = r.map(text);
    if (doc.y + rowHeight(cells) > doc.page.height - MARGIN - 20) {
      doc.addPage();
      row(t.columns, true);
    }
    row(cells, false);
  }
  doc.moveDown(0.6);
}

/** The Pareto: a bar per cause and model (the top three in red), the cumulative percent as a line. */
function pareto(doc: Doc, report: MonthlyReport, words: ReportWords): void {
  const items = report.pareto.items;
  if (!items.length) return;
  const height = PARETO_HEIGHT;
  room(doc, height + 70);
  const left = MARGIN + 30;
  const width = doc.page.width - 2 * MARGIN - 60;
  const top = doc.y + 10;
  const base = top + height;
  const max = Math.max(...items.map((i) => i.complaints));
  const step = width / items.length;
  doc
    .lineWidth(0.6)
    .strokeColor(RULE)
    .moveTo(left, top)
    .lineTo(left, base)
    .lineTo(left + width, base)
    .stroke();
  items.forEach((item, i) => {
    const h = (item.complaints / max) * height;
    const x = left + i * step + step * 0.15;
    doc
      .rect(x, base - h, step * 0.7, h)
      .fillColor(item.top3 ? TOP3 : BAR)
      .fill();
    doc
      .fillColor(INK)
      .fontSize(7)
      .text(String(item.complaints), x, base - h - 9, { width: step * 0.7, align: 'center' });
    doc
      .fillColor(MUTED)
      .fontSize(6)
      .text(`${words.defect(item.defect)}\n${item.productModel}`, left + i * step, base + 3, {
        width: step,
        align: 'center',
      });
  });
  const point = (i: number) =>
    [left + i * step + step / 2, base - (items[i]!.cumulativeShare / 100) * height] as [number, number];
  doc
    .lineWidth(1.2)
    .strokeColor(LINE)
    .moveTo(...point(0));
  items.forEach((_, i) => doc.lineTo(...point(i)));
  doc.stroke();
  doc
    .fillColor(MUTED)
    .fontSize(7)
    .text('100%', left + width + 3, top - 3)
    .text(String(max), MARGIN, top - 3, { width: 26, align: 'right' });
  // the legend, each swatch in its bars' (or line's) colour
  let x = left;
  const y = base + 30;
  for (const [colour, name, line] of [
    [TOP3, words.t.pareto.topThree, false],
    [BAR, words.t.complaints, false],
    [LINE, `${words.t.pareto.cumulative} %`, true],
  ] as const) {
    if (line)
      doc
        .lineWidth(1.2)
        .strokeColor(colour)
        .moveTo(x, y + 4)
        .lineTo(x + 14, y + 4)
        .stroke();
    else doc.rect(x, y, 14, 8).fillColor(colour).fill();
    doc
      .fillColor(INK)
      .fontSize(7)
      .text(name, x + 18, y, { lineBreak: false });
    x += 18 + doc.widthOfString(name) + 18;
  }
  doc.x = MARGIN;
  doc.y = y + 16;
}

/** Renders the report to PDF bytes in `fontFile` (a .ttc: its simplified-Chinese face). */
export async function renderMonthlyReportPdf(
  report: MonthlyReport,
  options: { fontFile: string; createdAt: Date; reading: ReportReading },
): Promise<Buffer> {
  assertReportFont(options.fontFile);
  const { reading } = options;
  const words = reportWords(report, reading);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    lang: reading.language,
    info: {
      Title: words.title,
      Creator: 'Complaint Orchestrator',
      CreationDate: options.createdAt,
    },
  });
  const bytes = buffer(doc); // a PDFDocument is a readable stream of the file
  try {
    doc.registerFont('body', options.fontFile, /\.ttc$/i.test(options.fontFile) ? REPORT_FONT_FACE : undefined);
    doc.font('body');
    const width = doc.page.width - 2 * MARGIN;
    doc.fillColor(INK).fontSize(18).text(words.title, MARGIN, MARGIN, { width });
    doc.fillColor(MUTED).fontSize(8).text(words.meta, { width });
    for (const section of reportSections(report, reading)) {
      room(doc, section.chart === 'pareto' ? PARETO_HEIGHT + 140 : 90); // a heading stays with its chart
      doc.moveDown(0.8);
      doc.fillColor(INK).fontSize(12).text(section.heading, MARGIN, doc.y, { width });
      doc.moveDown(0.2);
      if (section.chart === 'pareto') pareto(doc, report, words);
      for (const t of section.tables) table(doc, t);
      for (const note of section.notes ?? []) doc.fillColor(MUTED).fontSize(7).text(note, MARGIN, doc.y, { width });
    }
    footers(doc, (n, count) => `${words.title} · ${words.t.page(n, count)}`);
  } finally {
    doc.end();
  }
  return bytes;
}

/** "<title> · page n of total" at the foot of every page, written once all pages exist. */
function footers(doc: Doc, line: (n: number, count: number) => string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let n = 1; n <= count; n += 1) {
    doc.switchToPage(start + n - 1);
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 }; // text below the bottom margin would open a new page
    doc.fillColor(MUTED).fontSize(7);
    doc.text(line(n, count), MARGIN, doc.page.height - 26, {
      width: doc.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins = margins;
  }
}
