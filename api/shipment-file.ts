/**
 * A shipment file (issue 11), CSV or JSON, read into its lines and checked line by line before anything is
 * stored (api/shipment-import.ts): the columns and the schema of one shipment, the limits of a file, and the
 * refusal that lists every bad line (each issue names its line: the CSV line, or the JSON item 1..n).
 */
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { z } from 'zod';
import { dateFormat } from '../domain/date-formats';
import { startOfLocalDay } from '../domain/working-time';
import { LANGUAGES } from '../domain/registration';
import { UNSTORABLE_MESSAGE, unstorableTextPath } from '../domain/storable-text';

/** The fields of a shipment: the CSV header's column names and the JSON item's keys. */
export const SHIPMENT_COLUMNS = [
  'id',
  'customerName',
  'customerEmail',
  'customerLanguage',
  'shipTo',
  'productModel',
  'lot',
  'serial',
  'quantity',
  'shippedAt',
] as const;
type Column = (typeof SHIPMENT_COLUMNS)[number];
const REQUIRED_COLUMNS: Column[] = [
  'id',
  'customerName',
  'customerEmail',
  'shipTo',
  'productModel',
  'quantity',
  'shippedAt',
];

/** Shipments one file may hold. */
export const MAX_SHIPMENTS = 100_000;
/** Issues a refusal lists at most (the message still counts every bad line). */
export const MAX_ISSUES = 1_000;
/** How far a shipping time may be ahead of this clock (the sender's clock may be a little fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

const text = (max: number) => z.string().trim().min(1).max(max);

/** One shipment as sent (a JSON item; a CSV line after its columns are named). */
export const shipmentSchema = z
  .object({
    id: text(100).describe("the sender's own shipment id: importing it again with the same content stores nothing"),
    customerName: text(200),
    customerEmail: z.email().max(254),
    customerLanguage: z.enum(LANGUAGES).default('zh-CN'),
    shipTo: text(500).describe('where it went: address or region'),
    productModel: text(100),
    lot: text(100).optional(),
    serial: text(100).optional(),
    quantity: z.number().int().min(1).max(10_000_000),
    shippedAt: z
      .union([z.iso.date(), z.iso.datetime({ offset: true })], {
        error: (i) =>
          i.input === undefined
            ? 'is required'
            : 'must be a date YYYY-MM-DD or a date-time with Z or an offset (2026-11-03T08:00:00+08:00)',
      })
      .refine((v) => v >= '1970', 'must be 1970-01-01 or later')
      .describe('a date (the day in the company time zone) or a date-time; not in the future'),
  })
  .strict()
  .refine((s) => s.lot !== undefined || s.serial !== undefined, {
    path: ['lot'],
    message: 'give a lot or a serial (or both)',
  });

/** A shipment as stored. */
export interface ShipmentRecord {
  id: string;
  customerName: string;
  customerEmail: string;
  customerLanguage: string;
  shipTo: string;
  productModel: string;
  lot: string | null;
  serial: string | null;
  quantity: number;
  shippedAt: Date;
}

/** What is wrong on one line (`line`: the CSV line, or the JSON item 1..n; none for the body as a whole). */
export interface LineIssue {
  line?: number;
  path: string;
  message: string;
}

/** One shipment of the file, not checked yet; `problem`: why its line cannot even be read as one. */
export interface FileLine {
  line: number;
  value?: unknown;
  problem?: string;
}

/** A file read into its lines, or the reasons it cannot be read at all. */
export interface ReadFile {
  /** `line` for CSV, `item` for JSON: what `LineIssue.line` counts. */
  unit: 'line' | 'item';
  lines: FileLine[];
  issues: LineIssue[];
}

/** The file is refused: every bad line (up to MAX_ISSUES) and a message that counts them. */
export class ShipmentFileRejected extends Error {
  constructor(
    message: string,
    readonly issues: LineIssue[],
  ) {
    super(message);
  }
}

/** Collects issues up to MAX_ISSUES and counts the lines that have one. */
export class Issues {
  readonly list: LineIssue[] = [];
  private readonly bad = new Set<number | undefined>();
  private dropped = false;

  add(issue: LineIssue): void {
    this.bad.add(issue.line);
    if (this.list.length < MAX_ISSUES) this.list.push(issue);
    else this.dropped = true;
  }

  /** The refusal: "3 lines cannot be imported (line 3, 5, 9); nothing of the file was stored". */
  rejection(unit: 'line' | 'item', what: (lines: number) => string): ShipmentFileRejected {
    const whole = this.list.find((i) => i.line === undefined);
    const lines = [...this.bad].filter((l) => l !== undefined).sort((a, b) => a - b);
    this.list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const shown = lines.slice(0, 20).join(', ') + (lines.length > 20 ? ', …' : '');
    const capped = this.dropped ? ` (the first ${MAX_ISSUES} issues are listed)` : '';
    const summary = whole
      ? `the file cannot be imported: ${whole.message}`
      : `${lines.length} ${unit}${lines.length === 1 ? '' : 's'} ${what(lines.length)} (${unit} ${shown})`;
    return new ShipmentFileRejected(`${summary}; nothing of the file was stored${capped}`, this.list);
  }
}

/** The 1-based line of each byte offset of a buffer, read forward (CRLF, LF and a lone CR each end a line). */
function lineCounter(buf: Buffer) {
  let offset = 0;
  let line = 1;
  return (target: number): number => {
    for (; offset < target && offset < buf.length; offset += 1) {
      const byte = buf[offset];
      if (byte === 0x0a || (byte === 0x0d && buf[offset + 1] !== 0x0a)) line += 1;
    }
    return line;
  };
}

/** The first byte at or after `offset` that does not end a line (where a record after blank lines starts). */
function skipLineBreaks(buf: Buffer, offset: number): number {
  while (offset < buf.length && (buf[offset] === 0x0a || buf[offset] === 0x0d)) offset += 1;
  return offset;
}

/** A CSV value as the schema reads it: trimmed, empty is absent, `quantity` a number where it is one. */
function csvValue(column: Column, raw: string): unknown {
  const value = raw.trim();
  if (value === '') return undefined;
  if (column === 'quantity' && /^[+-]?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

function headerIssues(header: string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!(SHIPMENT_COLUMNS as readonly string[]).includes(name))
      problems.push(`unknown column "${name}" (the columns: ${SHIPMENT_COLUMNS.join(', ')})`);
    else if (seen.has(name)) problems.push(`column ${name} appears twice`);
    seen.add(name);
  }
  for (const name of REQUIRED_COLUMNS) if (!seen.has(name)) problems.push(`the column ${name} is missing`);
  if (!seen.has('lot') && !seen.has('serial')) problems.push('a lot or a serial column is needed (or both)');
  return problems;
}

/**
 * A CSV file: a header row naming the columns (SHIPMENT_COLUMNS, any order), then one shipment per row.
 * Quoted fields may hold commas, quotes ("") and line breaks; a row's line is the line it starts on, counted
 * from the bytes csv-parse reports read, so rows after a multi-line field keep their right numbers. Blank
 * rows (nothing but separators) are skipped.
 */
export function readCsv(body: string): ReadFile {
  const buf = Buffer.from(body, 'utf8');
  const lineAt = lineCounter(buf);
  const lines: FileLine[] = [];
  const issues = new Issues();
  let header: Column[] | undefined;
  let headerRead = false;
  let end = 0; // where the last record read ended
  let tooMany = false;
  try {
    parseCsv(buf, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record, info) => {
        const line = lineAt(skipLineBreaks(buf, end));
        end = info.bytes;
        if (record.every((field) => field.trim() === '')) return undefined;
        if (!header) {
          const names = record.map((name) => name.trim());
          const problems = headerIssues(names);
          for (const message of problems) issues.add({ line, path: '', message });
          header = names as Column[];
          headerRead = problems.length === 0;
          return undefined;
        }
        if (!headerRead) return undefined; // the rows cannot be read without their columns
        if (lines.length >= MAX_SHIPMENTS) {
          tooMany = true;
          return undefined;
        }
        if (record.length !== header.length) {
          const problem = `has ${record.length} fields, the header ${header.length} (quote a value that holds a comma)`;
          lines.push({ line, problem });
          return undefined;
        }
        const value: Record<string, unknown> = {};
        header.forEach((column, i) => {
          const field = csvValue(column, record[i]!);
          if (field !== undefined) value[column] = field;
        });
        lines.push({ line, value });
        return undefined;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const message = error.message.replace(/\s+(at|on) line \d+/g, '');
    issues.add({ line: lineAt(skipLineBreaks(buf, end)), path: '', message: `the CSV cannot be read: ${message}` });
  }
  if (!header) issues.add({ line: 1, path: '', message: `no header row: the first row names the columns` });
  if (tooMany) issues.add({ path: '', message: `more than ${MAX_SHIPMENTS} shipments: split the file` });
  return { unit: 'line', lines, issues: issues.list };
}

/** A JSON body: an array of shipments, or `{ "shipments": [...] }`; item 1 is the first. */
export function readJson(body: unknown): ReadFile {
  const wrapped =
    body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).join() === 'shipments'
      ? (body as { shipments: unknown }).shipments
      : body;
  if (!Array.isArray(wrapped))
    return {
      unit: 'item',
      lines: [],
      issues: [{ path: '', message: 'send an array of shipments, or { "shipments": [...] }' }],
    };
  if (wrapped.length > MAX_SHIPMENTS)
    return {
      unit: 'item',
      lines: [],
      issues: [{ path: '', message: `more than ${MAX_SHIPMENTS} shipments: split the file` }],
    };
  return { unit: 'item', lines: wrapped.map((value: unknown, i) => ({ line: i + 1, value })), issues: [] };
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
function today(now: Date, timeZone: string): string {
  return dateFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const NOT_UTF8 = 'holds bytes that are not UTF-8 (send the file in UTF-8, or name its charset: text/csv; charset=gbk)';

/**
 * The field holding U+FFFD, the character bytes that are not UTF-8 are read as (a GBK file sent as UTF-8):
 * stored, the customer's name would be garbled for good.
 */
function undecodedField(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return Object.entries(value).find(([, v]) => typeof v === 'string' && v.includes('\uFFFD'))?.[0];
}

export interface CheckOptions {
  now: Date;
  /** The company's time zone: a date without a time is that day's start there. */
  timeZone: string;
}

/**
 * Every line checked: text that cannot be stored, the schema, a shipping time in the future, an id twice in
 * the file. The records of a file without issues; a ShipmentFileRejected listing them otherwise.
 */
export function checkLines(file: ReadFile, options: CheckOptions): Array<{ line: number; record: ShipmentRecord }> {
  const issues = new Issues();
  const records: Array<{ line: number; record: ShipmentRecord }> = [];
  const firstLineOf = new Map<string, number>();
  const latest = options.now.getTime() + CLOCK_SKEW_MS;
  const todayThere = today(options.now, options.timeZone);
  for (const { line, value, problem } of file.lines) {
    if (problem !== undefined) {
      issues.add({ line, path: '', message: problem });
      continue;
    }
    const unstorable = unstorableTextPath(value);
    if (unstorable !== undefined) {
      issues.add({ line, path: unstorable === '(body)' ? '' : unstorable, message: UNSTORABLE_MESSAGE });
      continue;
    }
    const garbled = undecodedField(value);
    if (garbled !== undefined) {
      issues.add({ line, path: garbled, message: NOT_UTF8 });
      continue;
    }
    const parsed = shipmentSchema.safeParse(value, {
      error: (i) => (i.input === undefined ? 'is required' : undefined),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.add({ line, path: issue.path.join('.'), message: issue.message });
      continue;
    }
    const s = parsed.data;
    const dateOnly = s.shippedAt.length === 10;
    const shippedAt = dateOnly ? startOfLocalDay(s.shippedAt, options.timeZone) : new Date(s.shippedAt);
    if (dateOnly ? s.shippedAt > todayThere : shippedAt.getTime() > latest) {
      issues.add({ line, path: 'shippedAt', message: 'is in the future' });
      continue;
    }
    const first = firstLineOf.get(s.id);
    if (first !== undefined) {
      issues.add({ line, path: 'id', message: `shipment ${s.id} is on ${file.unit} ${first} of the file already` });
      continue;
    }
    firstLineOf.set(s.id, line);
    records.push({
      line,
      record: {
        id: s.id,
        customerName: s.customerName,
        customerEmail: s.customerEmail,
        customerLanguage: s.customerLanguage,
        shipTo: s.shipTo,
        productModel: s.productModel,
        lot: s.lot ?? null,
        serial: s.serial ?? null,
        quantity: s.quantity,
        shippedAt,
      },
    });
  }
  for (const issue of file.issues) issues.add(issue); // the header's (no lines then) or where reading stopped
  if (issues.list.length) throw issues.rejection(file.unit, () => 'cannot be imported');
  return records;
}
