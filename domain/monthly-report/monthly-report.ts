/**
 * The monthly quality report (seed 004 §5.7, 000 §(8), 002 §5.3 and ch. 7): what it contains and the rules
 * behind its figures, stated once so the JSON, the HTML, the PDF and the CSV say the same. Pure.
 */
import { MONTH_PATTERN } from '../months';
import type { TeamMonth } from '../performance';

/** One value of a breakdown: complaints and the units they name (quantity affected). `key` null: not set yet. */
export interface CountLine {
  key: string | null;
  complaints: number;
  units: number;
}

/** The breakdowns of the month's complaints. */
export const BREAKDOWNS = ['type', 'cause', 'severity', 'department', 'channel', 'profile'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * One bar of the Pareto of defect causes on one product model: the defect the diagnoses name from their
 * procedure's list (004 §5.7 c)), else their cause class.
 */
export interface ParetoItem {
  rank: number;
  /** The defect code, or the cause class where the diagnoses name none. */
  defect: string;
  /** The cause class most of its diagnoses give (design and manufacturing are technical). */
  cause: string;
  /** The procedure most of its complaints run under: its corrective action opens under it. */
  profileId: string;
  productModel: string;
  complaints: number;
  units: number;
  /** Percent of the month's defect complaints, one decimal. */
  share: number;
  /** Percent of the month's defect complaints up to and including this bar, one decimal. */
  cumulativeShare: number;
  /** One of the three largest: each gets a corrective-action request (004 §5.7 c). */
  top3: boolean;
}

/** Met on time and missed among the clocks that fell due in the month (met or missed by now). */
export interface SlaLine {
  key: string;
  clocks: number;
  metOnTime: number;
  breaches: number;
  /** Percent met on time, one decimal; null without clocks. */
  onTimeRate: number | null;
}

/** Survey answers of one profile's satisfaction scale recorded in the month. */
export interface SatisfactionLine {
  profileId: string;
  scale: 'levels' | 'score' | 'unknown';
  responses: number;
  satisfied: number;
  /** Percent satisfied, one decimal; null without answers. */
  satisfiedRate: number | null;
  /** Mean score (score scales), two decimals. */
  averageScore: number | null;
  /** Answers by level or score, in the scale's order. */
  answers: Array<{ answer: string; label: string; count: number }>;
}

/** A complaint whose defect affects orders still to ship (004 §5.7 b)): a quality improvement plan meeting. */
export interface LaterOrdersRepeat {
  number: string;
  customer: string;
  productModel: string;
  defectCode: string | null;
  cause: string | null;
  profileId: string;
}

/** A customer with the same diagnosed cause more than once in the repeat window (004 §5.7 b). */
export interface RepeatCustomerCause {
  customer: string;
  cause: string;
  complaints: number;
  thisMonth: number;
  /** The complaints, oldest first (at most REPEAT_NUMBERS_SHOWN). */
  numbers: string[];
}

/** A lot with more than one complaint in the repeat window (batch defect, 004 §5.7 b). */
export interface RepeatLot {
  lot: string;
  productModels: string[];
  complaints: number;
  thisMonth: number;
  units: number;
  numbers: string[];
}

/** The four kinds of defective units of the 004 PPM formula. */
export const PPM_CATEGORIES = [
  'in_warranty_return',
  'out_of_warranty_return',
  'onsite_repair',
  'unrepaired_unreturned',
] as const;
export type PpmCategory = (typeof PPM_CATEGORIES)[number];

/** Where the month's shipped quantity comes from. */
export type ShippedSource = 'entered' | 'shipments' | 'none';

/** PPM of a month: defective units per million shipped. */
export interface PpmFigure {
  defects: Record<PpmCategory, number>;
  defectUnits: number;
  shipped: number;
  shippedSource: ShippedSource;
  /** null when nothing was shipped. */
  ppm: number | null;
}

/** One month of the 12-month trend. */
export interface TrendMonth {
  month: string;
  complaints: number;
  defectUnits: number;
  shipped: number;
  ppm: number | null;
}

/** A department's month: clocks, on time, breaches, warnings and penalties (seed 002 ch. 7). */
export interface DepartmentLine extends TeamMonth {
  breaches: number;
  onTimeRate: number | null;
  /** 002 §7: the customers' praise credited to it, and escalated complaints held against it. */
  praise: number;
  escalations: number;
}

/** Open complaints by age at `asOf`. */
export interface BacklogBucket {
  bucket: string;
  /** Lowest and highest age in whole days; `maxDays` null: no upper bound. */
  minDays: number;
  maxDays: number | null;
  complaints: number;
}

export interface OldestOpen {
  number: string;
  stage: string;
  department: string | null;
  severity: string | null;
  ageDays: number;
}

/** The whole report of one month. */
export interface MonthlyReport {
  month: string;
  /** The zone the month is counted in: the company's (COMPLAINT_TIMEZONE). */
  timeZone: string;
  from: string;
  to: string;
  generatedAt: string;
  totals: { complaints: number; units: number; defectComplaints: number; defectUnits: number };
  by: Record<Breakdown, CountLine[]>;
  pareto: { defectComplaints: number; items: ParetoItem[]; otherComplaints: number };
  sla: { overall: SlaLine; byClock: SlaLine[]; byDepartment: SlaLine[] };
  satisfaction: SatisfactionLine[];
  performance: { departments: DepartmentLine[]; bestTeam: string | null };
  repeats: {
    windowFrom: string;
    sameCustomerCause: RepeatCustomerCause[];
    sameCustomerCauseGroups: number;
    sameLot: RepeatLot[];
    sameLotGroups: number;
    /** The month's complaints whose diagnosis says the defect affects later orders (004 §5.7 b)). */
    laterOrders?: LaterOrdersRepeat[];
  };
  ppm: PpmFigure;
  trend: TrendMonth[];
  backlog: { asOf: string; open: number; buckets: BacklogBucket[]; oldest: OldestOpen[] };
  /** How each figure is counted, in words (shown under the figures). */
  rules: typeof REPORT_RULES;
  /** Who the report is mailed to: management and the departments the month's procedures name (004 §5.7 d)). */
  statisticsTo?: string[];
}

/** Diagnosed causes that are product defects; misuse and external causes are not (seed 000 §(3) cause classes). */
export const DEFECT_CAUSES = ['design', 'manufacturing'] as const;
/** Bars of the Pareto listed by name; the rest are summed as "other". */
export const PARETO_ITEMS = 20;
/** Months the repeat detection looks back over, the report's month included; also the trend's length. */
export const WINDOW_MONTHS = 12;
/** Groups of repeats listed; `…Groups` counts them all. */
export const REPEAT_GROUPS_SHOWN = 50;
export const REPEAT_NUMBERS_SHOWN = 20;
/** Oldest open complaints listed under the ageing buckets. */
export const OLDEST_SHOWN = 10;

/** Ageing buckets of open complaints, in whole days since registration. */
export const BACKLOG_BUCKETS: ReadonlyArray<Omit<BacklogBucket, 'complaints'>> = [
  { bucket: '0-2 d', minDays: 0, maxDays: 2 },
  { bucket: '3-7 d', minDays: 3, maxDays: 7 },
  { bucket: '8-30 d', minDays: 8, maxDays: 30 },
  { bucket: '31-90 d', minDays: 31, maxDays: 90 },
  { bucket: '> 90 d', minDays: 91, maxDays: null },
];

/** The definitions behind the figures, as the report prints them. */
export const REPORT_RULES = {
  month:
    "complaints are counted in the month of their number (registration, in the company's time zone); clocks in " +
    'the month they fell due; surveys in the month they were recorded',
  cause: "the cause class of the complaint's latest diagnosis; none: not diagnosed yet",
  defect:
    'a defect is a complaint not found invalid whose cause is design or manufacturing, or not diagnosed yet ' +
    '(misuse and external causes are not product defects)',
  pareto:
    "defect complaints diagnosed design or manufacturing, by the defect their procedure's list names (else by cause " +
    'class) and product model, most complaints first ' +
    '(ties: more units, then name); the three largest are flagged for a corrective-action request',
  ppm:
    'PPM = (in-warranty return defects + out-of-warranty return defects + onsite repair defects + unrepaired/' +
    'unreturned defects) × 1,000,000 / shipped quantity (seed 004 §5.7 d), in units (quantity affected). A defect ' +
    'is onsite repair when it was served on site (service mode on site, a dispatch or an arrival recorded); else ' +
    'a return when a processing record exists (out of warranty when classified or registered so, else in ' +
    'warranty); else unrepaired/unreturned. Shipped: the figure entered for the month, else the shipment records ' +
    'of the month',
  sla: 'clocks that fell due in the month and were met or missed; on time: met and never breached',
  satisfaction: "survey answers recorded in the month, per profile's scale; satisfied as the profile defines it",
  repeats:
    `the ${WINDOW_MONTHS} months up to the report's month: the same customer (registered name, case ignored) with ` +
    'the same diagnosed cause more than once, and lots with more than one complaint, each with at least one ' +
    "complaint in the month; and the month's complaints whose diagnosis says the defect affects later orders",
  backlog:
    "complaints registered before the report's end (or now, for the running month) and not closed then, by age " +
    'since registration',
} as const;

/** The month `delta` months after `month` (negative: before). */
export function shiftMonth(month: string, delta: number): string {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a month YYYYMM: ${month}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + delta;
  return `${Math.floor(index / 12)}${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months of the window ending at `month`, oldest first. */
export function windowMonths(month: string, length = WINDOW_MONTHS): string[] {
  return Array.from({ length }, (_, i) => shiftMonth(month, i - length + 1));
}

/** Defective units per million shipped, one decimal; null when nothing was shipped. */
export function partsPerMillion(defectUnits: number, shipped: number): number | null {
  return shipped > 0 ? Math.round((defectUnits * 1_000_000 * 10) / shipped) / 10 : null;
}

/** `part` as a percent of `whole`, one decimal; null when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
