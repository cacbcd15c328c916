/** How the 8D report writes in its language and zone: labels, instants, units, tables, fields, who and when. */
import type { DisciplineRecord } from '../../domain/corrective-action-contract';
import { unitName, type Label } from '../../domain/labels';
import type { Profile } from '../../domain/profile-schema';
import type { Language } from '../../domain/registration';
import { formatInstant } from '../../mail/format-dates';
import type { ReportBlock } from './types';
import { T } from './labels';

/** Department names of the built-in procedures (the activity is given the profile's id and name only). */
const BUILT_IN_UNITS = { departments: undefined } as unknown as Profile;

export class ReportWriter {
  constructor(
    readonly language: Language,
    private readonly timeZone: string,
  ) {}

  t = (label: Label): string => label[this.language];

  when = (iso: string | undefined): string => (iso ? formatInstant(new Date(iso), this.language, this.timeZone) : '—');

  of = (labels: Record<string, Label>, id: string): string => (labels[id] ? this.t(labels[id]) : id);

  unit = (id: string): string => unitName(BUILT_IN_UNITS, id)?.[this.language] ?? id;

  yesNo = (value: boolean | undefined): string | undefined =>
    value === undefined ? undefined : this.t(value ? T.yes : T.no);

  count = (n: number): string => n.toLocaleString(this.language === 'zh-CN' ? 'zh-CN' : 'en-GB');

  table = (caption: Label | undefined, columns: Array<[Label, number]>, rows: string[][]): ReportBlock => ({
    kind: 'table',
    caption: caption && this.t(caption),
    columns: columns.map(([label, weight]) => ({ label: this.t(label), weight })),
    rows,
  });

  fields = (rows: Array<[Label, string | undefined]>): ReportBlock => ({
    kind: 'fields',
    rows: rows.filter(([, v]) => v !== undefined).map(([label, value]) => ({ label: this.t(label), value: value! })),
  });

  /** Round, who submitted and approved a discipline, when. */
  meta = (record: DisciplineRecord): string => {
    const { language, when } = this;
    const round = language === 'zh-CN' ? `第 ${record.round} 轮` : `Round ${record.round}`;
    const submitted =
      language === 'zh-CN'
        ? `${record.by} 于 ${when(record.submittedAt)} 提交`
        : `submitted ${when(record.submittedAt)} by ${record.by}`;
    const approved = !record.approvedAt
      ? ''
      : language === 'zh-CN'
        ? ` · ${record.approvedBy ?? '—'} 于 ${when(record.approvedAt)} 批准`
        : ` · approved ${when(record.approvedAt)} by ${record.approvedBy ?? '—'}`;
    return `${round} · ${submitted}${approved}`;
  };
}

/** Data of an unknown shape, as label/value rows (nested values as JSON). */
export function genericBlock(data: unknown): ReportBlock {
  const entries = data && typeof data === 'object' && !Array.isArray(data) ? Object.entries(data) : [['', data]];
  return {
    kind: 'fields',
    rows: entries.map(([label, value]) => ({
      label: String(label),
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  };
}
