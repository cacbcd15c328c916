/**
 * The 8D report as a PDF (pdfkit), A4, in one font with Chinese glyphs (Noto Sans CJK from Debian's
 * fonts-noto-cjk by default, REPORT_FONT_FILE): title, header fields, sections with tables that break across
 * pages with their column headings repeated, and a foot line with page numbers on every page.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { pageLabel, type EightDReport, type ReportBlock } from './eight-d-report';

/** Where Debian's fonts-noto-cjk puts the font the report uses by default. */
export const DEFAULT_REPORT_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** The face of a font collection (.ttc) the report uses: simplified Chinese. */
export const REPORT_FONT_FACE = 'NotoSansCJKsc-Regular';

/** Throws, naming the package to install, when the report's font is not there. */
export function assertReportFont(fontFile: string): void {
  if (!fs.existsSync(fontFile)) {
    throw new Error(
      `the 8D report's PDF font ${fontFile} is missing: install Debian's fonts-noto-cjk ` +
        `(apt-get install -y fonts-noto-cjk) or set REPORT_FONT_FILE to a font with Chinese glyphs`,
    );
  }
}

const MARGIN = { top: 50, bottom: 56, left: 50, right: 50 };
const PAD = 3;
const GREY = '#666666';
const BORDER = '#bbbbbb';
const SHADE = '#efefef';
const TEXT = '#1a1a1a';

/** Renders the report to PDF bytes. */
export async function renderReportPdf(
  report: EightDReport,
  options: { fontFile: string; createdAt: Date },
): Promise<Buffer> {
  assertReportFont(options.fontFile);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: report.language,
    info: {
      Title: `${report.title} — ${report.carNumber}`,
      Subject: report.footer,
      Creator: 'Complaint Orchestrator',
      CreationDate: options.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    if (/\.ttc$/i.test(options.fontFile)) doc.registerFont('body', options.fontFile, REPORT_FONT_FACE);
    else doc.registerFont('body', options.fontFile);
    doc.font('body');
    layOut(doc, report);
  } catch (error) {
    doc.end();
    throw error;
  }
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function layOut(doc: Doc, report: EightDReport): void {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;

  doc.fillColor(TEXT).fontSize(18).text(report.title, left, doc.y, { width });
  doc.moveDown(0.4);
  drawFields(doc, report.header, 3, 9);

  for (const section of report.sections) {
    ensureSpace(doc, 110); // a heading is not left alone at the foot of a page
    doc.moveDown(0.8);
    doc.fillColor(TEXT).fontSize(13).text(section.heading, left, doc.y, { width });
    const ruleY = doc.y + 1;
    doc
      .moveTo(left, ruleY)
      .lineTo(left + width, ruleY)
      .lineWidth(0.7)
      .strokeColor(GREY)
      .stroke();
    doc.y = ruleY + 3;
    if (section.meta) doc.fillColor(GREY).fontSize(8).text(section.meta, left, doc.y, { width });
    doc.moveDown(0.3);
    for (const block of section.blocks) drawBlock(doc, block);
  }

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i += 1) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the bottom margin must not open a new page
    doc
      .fillColor(GREY)
      .fontSize(7.5)
      .text(`${report.footer} · ${pageLabel(report.language, i + 1, pages.count)}`, left, doc.page.height - 36, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

function drawBlock(doc: Doc, block: ReportBlock): void {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  switch (block.kind) {
    case 'fields':
      drawFields(doc, block.rows, 2.6, 8.5);
      return;
    case 'table':
      drawTable(doc, {
        caption: block.caption,
        columns: block.columns,
        rows: block.rows,
        heading: true,
        labelColumn: false,
        fontSize: 8.5,
      });
      return;
    case 'list':
      if (block.caption) {
        ensureSpace(doc, 50);
        caption(doc, block.caption);
      }
      doc.fillColor(TEXT).fontSize(8.5);
      for (const item of block.items) doc.text(`• ${item}`, left + 6, doc.y, { width: width - 6 });
      doc.moveDown(0.5);
      return;
  }
}

/** Label/value rows as a two-column table, labels shaded; the value column `valueWeight` times as wide. */
function drawFields(
  doc: Doc,
  rows: Array<{ label: string; value: string }>,
  valueWeight: number,
  fontSize: number,
): void {
  const columns = [
    { label: '', weight: 1 },
    { label: '', weight: valueWeight },
  ];
  drawTable(doc, { columns, rows: rows.map((r) => [r.label, r.value]), heading: false, labelColumn: true, fontSize });
}

function caption(doc: Doc, text: string): void {
  doc
    .fillColor(TEXT)
    .fontSize(9.5)
    .text(text, MARGIN.left, doc.y, { width: doc.page.width - MARGIN.left - MARGIN.right });
  doc.moveDown(0.15);
}

/** Opens a new page when less than `height` points are left on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function bottomOf(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom - 2;
}

interface TableSpec {
  /** A line above the table, kept on the page of its first row. */
  caption?: string;
  columns: Array<{ label: string; weight: number }>;
  rows: string[][];
  /** A heading row (repeated on every page the table runs onto). */
  heading: boolean;
  /** The first column is a label column (shaded). */
  labelColumn: boolean;
  fontSize: number;
}

/**
 * Draws a table at the cursor: each row as high as its tallest cell; a row that does not fit goes to the next
 * page (with the heading row again); a row taller than a whole page is written as "column: value" lines that
 * flow across pages.
 */
function drawTable(doc: Doc, spec: TableSpec): void {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const total = spec.columns.reduce((n, c) => n + c.weight, 0);
  const widths = spec.columns.map((c) => (c.weight / total) * width);
  doc.fontSize(spec.fontSize);
  const heightOf = (cells: string[]) =>
    Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;

  const drawRow = (cells: string[], shaded: (i: number) => boolean) => {
    const height = heightOf(cells);
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (shaded(i)) doc.rect(x, top, w, height).fillColor(SHADE).fill();
      doc.rect(x, top, w, height).lineWidth(0.5).strokeColor(BORDER).stroke();
      doc.fillColor(TEXT).text(cell, x + PAD, top + PAD, { width: w - 2 * PAD });
      x += w;
    });
    doc.x = left;
    doc.y = top + height;
  };
  const headingRow = () => {
    if (spec.heading)
      drawRow(
        spec.columns.map((c) => c.label),
        () => true,
      );
  };

  const usable = doc.page.height - MARGIN.top - MARGIN.bottom - 2;
  const headingHeight = spec.heading ? heightOf(spec.columns.map((c) => c.label)) : 0;
  const captionHeight = spec.caption ? doc.fontSize(9.5).heightOfString(spec.caption, { width }) + 4 : 0;
  doc.fontSize(spec.fontSize);
  const first = heightOf(spec.rows[0] ?? ['']);
  const firstRow = first + headingHeight > usable ? 30 : first; // a row taller than a page flows on anyway
  if (doc.y + captionHeight + headingHeight + firstRow > bottomOf(doc)) doc.addPage();
  if (spec.caption) {
    caption(doc, spec.caption);
    doc.fontSize(spec.fontSize);
  }
  headingRow();
  for (const row of spec.rows) {
    const height = heightOf(row);
    if (height + headingHeight > usable) {
      // too tall for any page: written as lines that flow on
      doc.moveDown(0.3);
      row.forEach((cell, i) => {
        const label = spec.columns[i]!.label;
        doc.fillColor(TEXT).text(label ? `${label}: ${cell}` : cell, left, doc.y, { width });
      });
      doc.moveDown(0.3);
      continue;
    }
    if (doc.y + height > bottomOf(doc)) {
      doc.addPage();
      headingRow();
    }
    drawRow(row, (i) => spec.labelColumn && i === 0);
  }
  doc.moveDown(0.5);
}
