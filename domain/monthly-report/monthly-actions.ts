/**
 * What the monthly report makes happen (seed 004 §5.7 b, c): each top-three defect cause gets a corrective-action
 * request (a standalone 8D / CAPA, source `monthly_top3`); repeats — the same customer with the same cause again,
 * and batch defects (a lot with more than one complaint) — call a quality improvement plan meeting of the
 * departments concerned; the report goes to management. Which month a scheduled run reports. Pure.
 */
import type { Label } from '../labels';
import { monthOf } from '../months';
import type { Role } from '../roles';
import { shiftMonth, type MonthlyReport, type ParetoItem } from './monthly-report';

/** The month a run scheduled at `scheduledAt` reports: the month before, in the company's time zone. */
export function reportedMonth(scheduledAt: Date, timeZone: string): string {
  return shiftMonth(monthOf(scheduledAt, timeZone), -1);
}

/** Who receives the PDF report: the roles of the monthly meeting and performance review (004 §5.7 d). */
export const MANAGEMENT_RECIPIENTS: Role[] = ['general_manager', 'quality_manager', 'department_head'];

/** The department that convenes the quality improvement plan meeting; always told. */
export const MEETING_CONVENER = 'quality';

/** Who opens the month's corrective actions: the report itself (an admin-level system actor). */
export const MONTHLY_REPORT_ACTOR = { id: 'monthly-report', role: 'admin' } as const;

const CAUSES: Record<string, Label> = {
  design: { 'zh-CN': '设计', en: 'design' },
  manufacturing: { 'zh-CN': '制造', en: 'manufacturing' },
  misuse: { 'zh-CN': '使用不当', en: 'misuse' },
  external: { 'zh-CN': '外部原因', en: 'external' },
};
const causeLabel = (cause: string): Label => CAUSES[cause] ?? { 'zh-CN': cause, en: cause };
/** A bar's defect in words: the class's name, or the code with its class. */
const defectLabel = (item: Pick<ParetoItem, 'defect' | 'cause'>): Label =>
  item.defect === item.cause
    ? causeLabel(item.cause)
    : { 'zh-CN': `${item.defect}（${causeLabel(item.cause)['zh-CN']}）`, en: `${item.defect} (${item.cause})` };

/** The corrective-action request of one top-three item, as the standalone opening takes it. */
export interface TopThreeOpening {
  rank: number;
  /** The defect (a code of the procedure's list, else the cause class). */
  defect?: string;
  cause: string;
  /** The procedure of most of its complaints: the corrective action opens under it (004: the CR-MP25 8D). */
  profileId?: string;
  productModel: string;
  complaints: number;
  units: number;
  /** Once per month, cause and model: a second run (or a re-ranked one) never opens it again. */
  requestKey: string;
  reason: string;
  /** Design and manufacturing causes are technical: engineering owns them (004 §5.2 c). */
  technical: boolean;
}

/** The key a top-three item's corrective action is opened under: `monthly_top3:<YYYYMM>:<defect>:<model>`. */
export function topThreeRequestKey(month: string, item: Pick<ParetoItem, 'defect' | 'productModel'>): string {
  return `monthly_top3:${month}:${item.defect}:${item.productModel}`;
}

/** The month's top-three Pareto items as corrective-action requests, largest first. */
export function topThreeOpenings(report: Pick<MonthlyReport, 'month' | 'pareto'>): TopThreeOpening[] {
  const month = `${report.month.slice(0, 4)}-${report.month.slice(4)}`;
  return report.pareto.items
    .filter((item) => item.top3)
    .map((item) => ({
      rank: item.rank,
      defect: item.defect,
      cause: item.cause,
      profileId: item.profileId,
      productModel: item.productModel,
      complaints: item.complaints,
      units: item.units,
      requestKey: topThreeRequestKey(report.month, item),
      reason:
        `Monthly quality report ${month}: top-3 defect cause #${item.rank} — ${defectWords(item)} on ${item.productModel}, ` +
        `${item.complaints} complaints, ${item.units} units (${item.share}% of the month's defect complaints); ` +
        'corrective-action request (004 §5.7 c)',
      technical: item.cause === 'design' || item.cause === 'manufacturing',
    }));
}

/** A bar's defect in the request's words: the code with its cause class, or the class alone. */
const defectWords = (item: Pick<ParetoItem, 'defect' | 'cause'>) =>
  item.defect === item.cause ? item.cause : `${item.defect} (${item.cause})`;

/** One repeat that calls the quality improvement plan meeting. */
export interface MeetingItem {
  kind: 'same_customer_cause' | 'same_lot' | 'later_orders';
  /** What it is, in each language. */
  line: Label;
  /** Its complaints (as the report lists them). */
  numbers: string[];
}

/**
 * The repeats of the month that call the meeting: the same customer with the same cause, batch defects, then
 * defects that affect later orders (004 §5.7 b)).
 */
export function meetingItems(report: Pick<MonthlyReport, 'repeats'>): MeetingItem[] {
  const customers = report.repeats.sameCustomerCause.map((r): MeetingItem => {
    const cause = causeLabel(r.cause);
    return {
      kind: 'same_customer_cause',
      line: {
        'zh-CN': `同一客户同一原因：${r.customer}（${cause['zh-CN']}）${r.complaints} 次（${r.numbers.join('、')}）`,
        en: `same customer, same cause: ${r.customer} (${cause.en}) ${r.complaints} times (${r.numbers.join(', ')})`,
      },
      numbers: r.numbers,
    };
  });
  const lots = report.repeats.sameLot.map((r): MeetingItem => ({
    kind: 'same_lot',
    line: {
      'zh-CN': `批量不良：批次 ${r.lot}（${r.productModels.join('、')}）${r.complaints} 次投诉、${r.units} 件（${r.numbers.join('、')}）`,
      en: `batch defect: lot ${r.lot} (${r.productModels.join(', ')}) ${r.complaints} complaints, ${r.units} units (${r.numbers.join(', ')})`,
    },
    numbers: r.numbers,
  }));
  const later = (report.repeats.laterOrders ?? []).map((r): MeetingItem => ({
    kind: 'later_orders',
    line: {
      'zh-CN': `影响后续订单：${r.number}（${r.customer}，${r.productModel}${r.defectCode ? `，${r.defectCode}` : ''}）`,
      en: `affects later orders: ${r.number} (${r.customer}, ${r.productModel}${r.defectCode ? `, ${r.defectCode}` : ''})`,
    },
    numbers: [r.number],
  }));
  return [...customers, ...lots, ...later];
}

/** The complaints the meeting's items name (each once), to look up their departments. */
export function meetingComplaints(items: MeetingItem[]): string[] {
  return [...new Set(items.flatMap((i) => i.numbers))].sort();
}

/**
 * The departments concerned: those of the items' complaints (as registered or routed; none: not routed yet),
 * and the convener; sorted, each once. No items, nobody.
 */
export function meetingRecipients(items: MeetingItem[], departments: Record<string, string | null>): string[] {
  if (!items.length) return [];
  const concerned = items.flatMap((i) => i.numbers.map((n) => departments[n] ?? null));
  return [...new Set([MEETING_CONVENER, ...concerned.filter((d): d is string => d !== null)])].sort();
}

/** Repeats listed in the meeting notice; the rest are counted (the report lists them all). */
export const MEETING_ITEMS_LISTED = 10;

/** The template values of the meeting notice (`quality_meeting`): the month and its items in each language, a line each. */
export function meetingValues(month: string, items: MeetingItem[]): Record<string, string> {
  const listed = items.slice(0, MEETING_ITEMS_LISTED);
  const more = items.length - listed.length;
  const zh = listed.map((i) => i.line['zh-CN']);
  const en = listed.map((i) => i.line.en);
  if (more > 0) {
    zh.push(`另有 ${more} 项，见月度报告`);
    en.push(`and ${more} more in the monthly report`);
  }
  return {
    month: `${month.slice(0, 4)}-${month.slice(4)}`,
    count: String(items.length),
    'items@zh-CN': zh.join('；\n'),
    'items@en': en.join(';\n'),
  };
}

/** The template values of the management email (`monthly_report`): the headline figures and what was opened. */
export function managementValues(
  report: Pick<MonthlyReport, 'month' | 'totals' | 'ppm' | 'sla' | 'pareto'>,
  opened: Array<{ number: string }>,
  meetingItemCount: number,
): Record<string, string> {
  const top = report.pareto.items.filter((i) => i.top3);
  return {
    month: `${report.month.slice(0, 4)}-${report.month.slice(4)}`,
    complaints: String(report.totals.complaints),
    ppm: report.ppm.ppm === null ? '—' : String(report.ppm.ppm),
    onTime: report.sla.overall.onTimeRate === null ? '—' : `${report.sla.overall.onTimeRate}%`,
    'top3@zh-CN': top.map((i) => `${defectLabel(i)['zh-CN']} · ${i.productModel}`).join('；') || '—',
    'top3@en': top.map((i) => `${defectLabel(i).en} · ${i.productModel}`).join('; ') || '—',
    cars: opened.map((c) => c.number).join(', ') || '—',
    meetings: String(meetingItemCount),
  };
}
