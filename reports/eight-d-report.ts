/**
 * The 8D report (record QR25-04) as structured data: a title, header fields and one section per discipline
 * filled in (the latest record of each that no step back or new round superseded), then the preliminary
 * report, the effectiveness verdicts and the history. Pure: the HTML and PDF renderers lay it out; a
 * customer's prescribed template changes title, headings, order, header fields and language.
 */
import type { CorrectiveActionStatus, DisciplineRecord } from '../domain/corrective-action-contract';
import { DISCIPLINES } from '../domain/corrective-action/action-names';
import { preliminaryReportForm } from '../domain/corrective-action/discipline-forms';
import { DISCIPLINE_NAMES } from '../domain/corrective-action/state';
import { ROLE_NAMES, type Label } from '../domain/labels';
import type { Language } from '../domain/registration';
import { disciplineBlocks } from './eight-d/discipline-blocks';
import { ACTIONS, INTERIM, T } from './eight-d/labels';
import type { EightDReport, ReportBlock, ReportFacts, ReportSection } from './eight-d/types';
import { genericBlock, ReportWriter } from './eight-d/writer';
import { REPORT_SECTIONS, type ReportSectionId, type ReportTemplate } from './templates';

export type { EightDReport, ReportBlock, ReportFacts, ReportSection } from './eight-d/types';

type Template = { customer: string; template: ReportTemplate };

/** Builds the report of a corrective action; `template` is the customer's, when it prescribes one. */
export function buildEightDReport(facts: ReportFacts, template?: Template): EightDReport {
  const { status, complaint } = facts;
  const w = new ReportWriter(template?.template.language ?? complaint.language, facts.timeZone);
  const title = template?.template.title ?? w.t(T.title[status.form]);
  const sections = [
    ...disciplineSections(w, status),
    preliminarySection(w, status),
    verificationSection(w, status),
    historySection(w, status),
  ].filter((s): s is ReportSection => s !== undefined);
  return {
    language: w.language,
    title,
    carNumber: status.number,
    complaintNumber: complaint.number,
    round: status.round,
    header: [...headerFields(w, facts), ...(template?.template.headerFields ?? [])],
    sections: asTemplated(sections, template),
    footer: `${title} · ${status.number} · ${w.t(T.complaint)} ${complaint.number}`,
    template: template?.customer,
  };
}

/** The header: what the corrective action is about, who owns it, when it opened and closed. */
function headerFields(w: ReportWriter, facts: ReportFacts): Array<{ label: string; value: string }> {
  const { status, complaint } = facts;
  const opened = status.history.find((h) => h.action === 'open')?.at ?? status.history[0]?.at;
  return [
    { label: w.t(T.number[status.form]), value: status.number },
    { label: w.t(T.complaint), value: complaint.number },
    { label: w.t(T.customer), value: complaint.customer },
    { label: w.t(T.product), value: complaint.product },
    ...(complaint.serialNumber ? [{ label: w.t(T.serial), value: complaint.serialNumber }] : []),
    ...(complaint.batchNumber ? [{ label: w.t(T.batch), value: complaint.batchNumber }] : []),
    { label: w.t(T.severity), value: status.severity },
    { label: w.t(T.opened), value: w.when(opened) },
    { label: w.t(T.closed), value: w.when(status.closedAt) },
    {
      label: w.t(T.owner),
      value: `${ROLE_NAMES[status.owner.role][w.language]} (${w.unit(status.owner.department)})`,
    },
    {
      label: w.t(T.procedure),
      value: `${w.t(facts.profile.name)} (${facts.profile.id} v${status.profile.version})`,
    },
    { label: w.t(T.rounds), value: String(status.round) },
    { label: w.t(T.issued), value: w.when(facts.generatedAt.toISOString()) },
  ];
}

/** One section per discipline filled in: its latest record that nothing superseded. */
function disciplineSections(w: ReportWriter, status: CorrectiveActionStatus): ReportSection[] {
  const current = status.disciplines.filter((r) => !r.supersededAt);
  return DISCIPLINES.flatMap((discipline) => {
    const record = latest(current.filter((r) => r.discipline === discipline));
    if (!record) return [];
    return {
      id: discipline,
      heading: w.t(DISCIPLINE_NAMES[discipline]),
      meta: w.meta(record),
      blocks: disciplineBlocks(w, discipline, record.data),
    };
  });
}

/** 004 §5.6 b): the preliminary report and test plan of a major complaint without a root cause. */
function preliminarySection(w: ReportWriter, status: CorrectiveActionStatus): ReportSection | undefined {
  if (!status.preliminaryReport) return undefined;
  const { at, by, data } = status.preliminaryReport;
  const parsed = preliminaryReportForm().safeParse(data);
  const columns: Array<[Label, number]> = [
    [T.test, 3],
    [T.method, 3],
    [T.samples, 1],
    [T.due, 1.5],
  ];
  return {
    id: 'preliminary',
    heading: w.t(T.preliminary),
    meta: w.language === 'zh-CN' ? `${by} 于 ${w.when(at)} 提交` : `submitted ${w.when(at)} by ${by}`,
    blocks: parsed.success
      ? [
          w.fields([[T.findings, parsed.data.findings]]),
          w.table(
            T.testPlan,
            columns,
            parsed.data.testPlan.map((p) => [
              p.test,
              p.method,
              p.samples === undefined ? '' : w.count(p.samples),
              p.due,
            ]),
          ),
        ]
      : [genericBlock(data)],
  };
}

/** The effectiveness verdicts, round by round. */
function verificationSection(w: ReportWriter, status: CorrectiveActionStatus): ReportSection | undefined {
  if (!status.verdicts.length) return undefined;
  const columns: Array<[Label, number]> = [
    [T.round, 0.8],
    [T.verdict, 2],
    [T.evidence, 4],
    [T.date, 2],
    [T.by, 1.4],
  ];
  const rows = status.verdicts.map((v) => [
    String(v.round),
    w.t(v.effective ? T.effective : T.ineffective),
    v.evidence,
    w.when(v.at),
    v.by,
  ]);
  return { id: 'verification', heading: w.t(T.verification), blocks: [w.table(undefined, columns, rows)] };
}

/** What was superseded (stepped back, a new round) and every step taken. */
function historySection(w: ReportWriter, status: CorrectiveActionStatus): ReportSection | undefined {
  const superseded = status.disciplines.filter((r) => r.supersededAt);
  const blocks: ReportBlock[] = [];
  if (superseded.length)
    blocks.push(
      w.table(
        T.superseded,
        [
          [T.discipline, 2.5],
          [T.round, 0.8],
          [T.submitted, 2],
          [T.supersededAt, 2],
        ],
        superseded.map((r) => [
          w.t(DISCIPLINE_NAMES[r.discipline]),
          String(r.round),
          w.when(r.submittedAt),
          w.when(r.supersededAt),
        ]),
      ),
    );
  if (status.history.length)
    blocks.push(
      w.table(
        T.steps,
        [
          [T.time, 2],
          [T.step, 2.2],
          [T.by, 1.4],
          [T.note, 4],
        ],
        status.history.map((h) => [w.when(h.at), w.of(ACTIONS, h.action), h.actor, h.note ?? '']),
      ),
    );
  return blocks.length ? { id: 'history', heading: w.t(T.history), blocks } : undefined;
}

/** The customer's template: its headings, then its order (sections it does not name follow in ours). */
function asTemplated(sections: ReportSection[], template?: Template): ReportSection[] {
  const byId = new Map<ReportSectionId, ReportSection>(sections.map((s) => [s.id, s]));
  for (const [id, heading] of Object.entries(template?.template.headings ?? {})) {
    const section = byId.get(id as ReportSectionId);
    if (section && heading) section.heading = heading;
  }
  const order = [...(template?.template.order ?? []), ...REPORT_SECTIONS];
  return [...new Set(order)].flatMap((id) => byId.get(id) ?? []);
}

/** The page footer's "page n of total" in the report's language. */
export function pageLabel(language: Language, n: number, total: number): string {
  return T.page[language].replace('{n}', String(n)).replace('{total}', String(total));
}

/** The latest of some records: the highest round, then the last submitted. */
function latest(records: DisciplineRecord[]): DisciplineRecord | undefined {
  return [...records].sort((a, b) => a.round - b.round || a.submittedAt.localeCompare(b.submittedAt)).at(-1);
}

/** The report of a corrective action still open: marked interim in its title, header and page foot. */
export function asInterim(report: EightDReport, done: string[]): EightDReport {
  const t = (label: Label) => label[report.language];
  return {
    ...report,
    title: `${report.title}${t(INTERIM.title)}`,
    header: [{ label: t(INTERIM.done), value: done.length ? done.join(', ') : '—' }, ...report.header],
    footer: `${t(INTERIM.note)} · ${report.footer}`,
  };
}
