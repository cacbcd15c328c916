/**
 * The 8D report (record QR25-04) as structured data: a title, header fields and one section per discipline
 * filled in (the latest record of each that no step back or new round superseded), then the preliminary
 * report, the effectiveness verdicts and the history. Pure: the HTML and PDF renderers lay it out; a
 * customer's prescribed template changes title, headings, order, header fields and language.
 */
import type { CorrectiveActionStatus, DisciplineRecord } from '../domain/corrective-action-contract';
import { DISCIPLINE_ACTIONS, DISCIPLINES, type Discipline } from '../domain/corrective-action/action-names';
import { DISCIPLINE_FORMS, preliminaryReportForm } from '../domain/corrective-action/discipline-forms';
import { DISCIPLINE_NAMES } from '../domain/corrective-action/state';
import { ROLE_NAMES, unitName, type Label } from '../domain/labels';
import type { Profile } from '../domain/profile-schema';
import type { Language } from '../domain/registration';
import { formatInstant } from '../mail/email-templates';
import { REPORT_SECTIONS, type ReportSectionId, type ReportTemplate } from './templates';

/** A block of a section. */
export type ReportBlock =
  | { kind: 'fields'; rows: Array<{ label: string; value: string }> }
  | { kind: 'table'; caption?: string; columns: Array<{ label: string; weight: number }>; rows: string[][] }
  | { kind: 'list'; caption?: string; items: string[] };

/** One section: a discipline, the preliminary report, the verification, the history. */
export interface ReportSection {
  id: ReportSectionId;
  heading: string;
  /** Round, who submitted and approved it, when. */
  meta?: string;
  blocks: ReportBlock[];
}

/** The report, ready to lay out. */
export interface EightDReport {
  language: Language;
  title: string;
  carNumber: string;
  complaintNumber: string;
  round: number;
  header: Array<{ label: string; value: string }>;
  sections: ReportSection[];
  /** A line for the foot of every page. */
  footer: string;
  /** The customer whose template was applied. */
  template?: string;
}

/** What the report is made from: the corrective action as it closed and the complaint's facts. */
export interface ReportFacts {
  status: CorrectiveActionStatus;
  complaint: {
    number: string;
    customer: string;
    product: string;
    serialNumber?: string | null;
    batchNumber?: string | null;
    language: Language;
  };
  profile: { id: string; name: Label };
  generatedAt: Date;
  /** The company's zone: instants are shown as dates there. */
  timeZone: string;
}

const L = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

/** Every text of the standard layout, in both languages. */
const T = {
  title: { '8d': L('8D 报告 QR25-04', '8D report QR25-04'), capa: L('CAPA 报告 QR25-04', 'CAPA report QR25-04') },
  number: { '8d': L('8D 编号', '8D number'), capa: L('CAPA 编号', 'CAPA number') },
  complaint: L('投诉编号', 'Complaint'),
  customer: L('客户', 'Customer'),
  product: L('产品', 'Product'),
  serial: L('序列号', 'Serial number'),
  batch: L('批次', 'Batch'),
  severity: L('严重程度', 'Severity'),
  opened: L('开立日期', 'Opened'),
  closed: L('结案日期', 'Closed'),
  owner: L('负责人', 'Owner'),
  procedure: L('程序', 'Procedure'),
  rounds: L('轮次', 'Rounds'),
  issued: L('报告日期', 'Report date'),
  page: L('第 {n} 页，共 {total} 页', 'page {n} of {total}'),
  preliminary: L('初步报告', 'Preliminary report'),
  verification: L('有效性验证', 'Effectiveness verification'),
  history: L('历史记录', 'History'),
  // D1
  champion: L('倡导者', 'Champion'),
  leader: L('组长', 'Team leader'),
  members: L('小组成员', 'Team members'),
  name: L('姓名', 'Name'),
  department: L('部门', 'Department'),
  role: L('职责', 'Role'),
  // D2
  what: L('何事', 'What'),
  where: L('何地', 'Where'),
  when: L('何时', 'When'),
  who: L('何人', 'Who'),
  why: L('为何', 'Why'),
  how: L('如何', 'How'),
  howMany: L('多少', 'How many'),
  defective: L('不良', 'defective'),
  checked: L('检查', 'checked'),
  // D3
  scopes: L('围堵范围', 'Containment by scope'),
  scope: L('范围', 'Scope'),
  checkedQty: L('检查数量', 'Checked'),
  isolated: L('隔离数量', 'Isolated'),
  reworked: L('返工数量', 'Reworked'),
  result: L('结果', 'Result'),
  total: L('合计', 'Total'),
  containmentActions: L('围堵措施', 'Containment actions'),
  // D4
  occurrence: L('发生原因', 'Occurrence causes'),
  escape: L('流出原因', 'Escape causes'),
  cause: L('原因', 'Cause'),
  method: L('验证方法', 'Method'),
  evidence: L('证据', 'Evidence'),
  verdict: L('结论', 'Verdict'),
  // D5, D6
  actions: L('措施', 'Actions'),
  action: L('措施', 'Action'),
  addresses: L('针对', 'Addresses'),
  actionVerification: L('验证方式', 'Verification'),
  implemented: L('已实施的措施', 'Implemented actions'),
  targetDate: L('计划日期', 'Target date'),
  actualDate: L('完成日期', 'Actual date'),
  validation: L('确认结果', 'Validation'),
  // D7
  documents: L('更新的文件', 'Documents updated'),
  document: L('文件类型', 'Document'),
  reference: L('文件编号', 'Reference'),
  change: L('更改内容', 'Change'),
  otherProducts: L('横向展开', 'Other products and processes'),
  // D8
  summary: L('总结', 'Summary'),
  teamRecognised: L('团队表彰', 'Team recognised'),
  costs: L('费用', 'Costs'),
  customerAccepted: L('客户认可', 'Customer accepted'),
  yes: L('是', 'yes'),
  no: L('否', 'no'),
  // preliminary report
  findings: L('初步发现', 'Findings'),
  testPlan: L('试验计划', 'Test plan'),
  test: L('试验', 'Test'),
  samples: L('样本数', 'Samples'),
  due: L('截止日期', 'Due'),
  // verification, history
  round: L('轮次', 'Round'),
  date: L('日期', 'Date'),
  by: L('执行人', 'By'),
  effective: L('有效', 'effective'),
  ineffective: L('无效，重新分析（新一轮）', 'ineffective: analysed again (new round)'),
  superseded: L('被取代的记录（退回或新一轮）', 'Superseded records (stepped back or a new round)'),
  discipline: L('阶段', 'Discipline'),
  submitted: L('提交时间', 'Submitted'),
  supersededAt: L('取代时间', 'Superseded'),
  steps: L('步骤', 'Steps'),
  time: L('时间', 'Time'),
  step: L('步骤', 'Step'),
  note: L('备注', 'Note'),
} as const;

const SCOPES: Record<string, Label> = {
  customer_stock: L('客户库存', 'Customer stock'),
  in_transit: L('在途', 'In transit'),
  warehouse: L('仓库', 'Warehouse'),
  wip: L('在制品', 'Work in progress'),
  raw_material: L('原材料', 'Raw material'),
};
const METHODS: Record<string, Label> = {
  measurement: L('测量', 'measurement'),
  observation: L('观察', 'observation'),
  reproduction: L('复现', 'reproduction'),
  analysis: L('分析', 'analysis'),
};
const VERDICTS: Record<string, Label> = { confirmed: L('已确认', 'confirmed'), rejected: L('已排除', 'rejected') };
const ADDRESSES: Record<string, Label> = { occurrence: L('发生原因', 'occurrence'), escape: L('流出原因', 'escape') };
const DOCUMENTS: Record<string, Label> = {
  fmea: L('FMEA', 'FMEA'),
  control_plan: L('控制计划', 'Control plan'),
  work_instruction: L('作业指导书', 'Work instruction'),
  inspection_standard: L('检验标准', 'Inspection standard'),
  other: L('其他', 'Other'),
};
const ACTIONS: Record<string, Label> = {
  open: L('开立', 'opened'),
  approveBlock: L('批准', 'approved'),
  rejectBlock: L('驳回', 'rejected'),
  stepBack: L('退回', 'stepped back'),
  submitPreliminaryReport: L('提交初步报告', 'preliminary report'),
  verifyEffectiveness: L('有效性验证', 'effectiveness verified'),
  cancel: L('取消', 'cancelled'),
  ...Object.fromEntries(DISCIPLINES.map((d) => [DISCIPLINE_ACTIONS[d], DISCIPLINE_NAMES[d]])),
};

/** Department names of the built-in procedures (the activity is given the profile's id and name only). */
const BUILT_IN_UNITS = { departments: undefined } as unknown as Profile;

/** Builds the report of a corrective action; `template` is the customer's, when it prescribes one. */
export function buildEightDReport(
  facts: ReportFacts,
  template?: { customer: string; template: ReportTemplate },
): EightDReport {
  const { status, complaint } = facts;
  const language = template?.template.language ?? complaint.language;
  const t = (label: Label) => label[language];
  const when = (iso: string | undefined) => (iso ? formatInstant(new Date(iso), language, facts.timeZone) : '—');
  const of = (labels: Record<string, Label>, id: string) => (labels[id] ? t(labels[id]) : id);
  const unit = (id: string) => unitName(BUILT_IN_UNITS, id)?.[language] ?? id;

  const title = template?.template.title ?? t(T.title[status.form]);
  const opened = status.history.find((h) => h.action === 'open')?.at ?? status.history[0]?.at;
  const header = [
    { label: t(T.number[status.form]), value: status.number },
    { label: t(T.complaint), value: complaint.number },
    { label: t(T.customer), value: complaint.customer },
    { label: t(T.product), value: complaint.product },
    ...(complaint.serialNumber ? [{ label: t(T.serial), value: complaint.serialNumber }] : []),
    ...(complaint.batchNumber ? [{ label: t(T.batch), value: complaint.batchNumber }] : []),
    { label: t(T.severity), value: status.severity },
    { label: t(T.opened), value: when(opened) },
    { label: t(T.closed), value: when(status.closedAt) },
    {
      label: t(T.owner),
      value: `${ROLE_NAMES[status.owner.role][language]} (${unit(status.owner.department)})`,
    },
    { label: t(T.procedure), value: `${t(facts.profile.name)} (${facts.profile.id} v${status.profile.version})` },
    { label: t(T.rounds), value: String(status.round) },
    { label: t(T.issued), value: when(facts.generatedAt.toISOString()) },
    ...(template?.template.headerFields ?? []),
  ];

  const meta = (record: DisciplineRecord) => {
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

  const table = (caption: Label | undefined, columns: Array<[Label, number]>, rows: string[][]): ReportBlock => ({
    kind: 'table',
    caption: caption && t(caption),
    columns: columns.map(([label, weight]) => ({ label: t(label), weight })),
    rows,
  });
  const fields = (rows: Array<[Label, string | undefined]>): ReportBlock => ({
    kind: 'fields',
    rows: rows.filter(([, v]) => v !== undefined).map(([label, value]) => ({ label: t(label), value: value! })),
  });
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : t(value ? T.yes : T.no));
  const count = (n: number) => n.toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-GB');

  /** The blocks of a discipline's form; data that is not (or no longer) of the form's shape is listed as is. */
  const disciplineBlocks = (discipline: Discipline, data: unknown): ReportBlock[] => {
    const parsed = DISCIPLINE_FORMS[discipline]().safeParse(data);
    if (!parsed.success) return [genericBlock(data)];
    const form = parsed.data;
    switch (discipline) {
      case 'D1': {
        const d = form as {
          champion: string;
          leader: string;
          members: Array<{ name: string; department: string; role?: string }>;
        };
        return [
          fields([
            [T.champion, d.champion],
            [T.leader, d.leader],
          ]),
          table(
            T.members,
            [
              [T.name, 2],
              [T.department, 2],
              [T.role, 3],
            ],
            d.members.map((m) => [m.name, unit(m.department), m.role ?? '']),
          ),
        ];
      }
      case 'D2': {
        const d = form as Record<'what' | 'where' | 'when' | 'who' | 'why' | 'how', string> & {
          howMany: { defective: number; checked?: number; unit: string };
        };
        const many = `${t(T.defective)} ${count(d.howMany.defective)} ${d.howMany.unit}${
          d.howMany.checked === undefined ? '' : ` / ${t(T.checked)} ${count(d.howMany.checked)} ${d.howMany.unit}`
        }`;
        return [
          fields([
            [T.what, d.what],
            [T.where, d.where],
            [T.when, d.when],
            [T.who, d.who],
            [T.why, d.why],
            [T.how, d.how],
            [T.howMany, many],
          ]),
        ];
      }
      case 'D3': {
        const d = form as {
          scopes: Array<{
            scope: string;
            checked: number;
            isolated: number;
            reworked: number;
            owner: string;
            result: string;
          }>;
          actions: string[];
        };
        const sum = (key: 'checked' | 'isolated' | 'reworked') => count(d.scopes.reduce((n, s) => n + s[key], 0));
        const blocks: ReportBlock[] = [
          table(
            T.scopes,
            [
              [T.scope, 2],
              [T.checkedQty, 1.3],
              [T.isolated, 1.3],
              [T.reworked, 1.3],
              [T.owner, 1.6],
              [T.result, 3],
            ],
            [
              ...d.scopes.map((s) => [
                of(SCOPES, s.scope),
                count(s.checked),
                count(s.isolated),
                count(s.reworked),
                s.owner,
                s.result,
              ]),
              [t(T.total), sum('checked'), sum('isolated'), sum('reworked'), '', ''],
            ],
          ),
        ];
        if (d.actions.length) blocks.push({ kind: 'list', caption: t(T.containmentActions), items: d.actions });
        return blocks;
      }
      case 'D4': {
        const d = form as Record<
          'occurrence' | 'escape',
          Array<{ cause: string; method: string; evidence: string; verdict: string }>
        >;
        const causes = (caption: Label, list: typeof d.occurrence) =>
          table(
            caption,
            [
              [T.cause, 3],
              [T.method, 1.4],
              [T.evidence, 3],
              [T.verdict, 1.2],
            ],
            list.map((c) => [c.cause, of(METHODS, c.method), c.evidence, of(VERDICTS, c.verdict)]),
          );
        return [causes(T.occurrence, d.occurrence), causes(T.escape, d.escape)];
      }
      case 'D5': {
        const d = form as {
          actions: Array<{ action: string; addresses: string; owner: string; verification: string }>;
        };
        return [
          table(
            T.actions,
            [
              [T.action, 3],
              [T.addresses, 1.3],
              [T.owner, 1.5],
              [T.actionVerification, 3],
            ],
            d.actions.map((a) => [a.action, of(ADDRESSES, a.addresses), a.owner, a.verification]),
          ),
        ];
      }
      case 'D6': {
        const d = form as {
          implemented: Array<{
            action: string;
            owner: string;
            targetDate: string;
            actualDate: string;
            validation: string;
          }>;
        };
        return [
          table(
            T.implemented,
            [
              [T.action, 3],
              [T.owner, 1.5],
              [T.targetDate, 1.5],
              [T.actualDate, 1.5],
              [T.validation, 3],
            ],
            d.implemented.map((a) => [a.action, a.owner, a.targetDate, a.actualDate, a.validation]),
          ),
        ];
      }
      case 'D7': {
        const d = form as {
          documents: Array<{ kind: string; reference: string; change: string }>;
          otherProducts?: string;
        };
        const blocks: ReportBlock[] = [
          table(
            T.documents,
            [
              [T.document, 2],
              [T.reference, 2],
              [T.change, 4],
            ],
            d.documents.map((doc) => [of(DOCUMENTS, doc.kind), doc.reference, doc.change]),
          ),
        ];
        if (d.otherProducts) blocks.push(fields([[T.otherProducts, d.otherProducts]]));
        return blocks;
      }
      case 'D8': {
        const d = form as { summary: string; teamRecognised: boolean; costs?: number; customerAccepted?: boolean };
        return [
          fields([
            [T.summary, d.summary],
            [T.teamRecognised, yesNo(d.teamRecognised)],
            [T.costs, d.costs === undefined ? undefined : count(d.costs)],
            [T.customerAccepted, yesNo(d.customerAccepted)],
          ]),
        ];
      }
    }
  };

  const sections = new Map<ReportSectionId, ReportSection>();
  const current = status.disciplines.filter((r) => !r.supersededAt);
  for (const discipline of DISCIPLINES) {
    const record = latest(current.filter((r) => r.discipline === discipline));
    if (!record) continue;
    sections.set(discipline, {
      id: discipline,
      heading: t(DISCIPLINE_NAMES[discipline]),
      meta: meta(record),
      blocks: disciplineBlocks(discipline, record.data),
    });
  }

  if (status.preliminaryReport) {
    const { at, by, data } = status.preliminaryReport;
    const parsed = preliminaryReportForm().safeParse(data);
    sections.set('preliminary', {
      id: 'preliminary',
      heading: t(T.preliminary),
      meta: language === 'zh-CN' ? `${by} 于 ${when(at)} 提交` : `submitted ${when(at)} by ${by}`,
      blocks: parsed.success
        ? [
            fields([[T.findings, parsed.data.findings]]),
            table(
              T.testPlan,
              [
                [T.test, 3],
                [T.method, 3],
                [T.samples, 1],
                [T.due, 1.5],
              ],
              parsed.data.testPlan.map((p) => [
                p.test,
                p.method,
                p.samples === undefined ? '' : count(p.samples),
                p.due,
              ]),
            ),
          ]
        : [genericBlock(data)],
    });
  }

  if (status.verdicts.length) {
    sections.set('verification', {
      id: 'verification',
      heading: t(T.verification),
      blocks: [
        table(
          undefined,
          [
            [T.round, 0.8],
            [T.verdict, 2],
            [T.evidence, 4],
            [T.date, 2],
            [T.by, 1.4],
          ],
          status.verdicts.map((v) => [
            String(v.round),
            t(v.effective ? T.effective : T.ineffective),
            v.evidence,
            when(v.at),
            v.by,
          ]),
        ),
      ],
    });
  }

  const superseded = status.disciplines.filter((r) => r.supersededAt);
  if (superseded.length || status.history.length) {
    const blocks: ReportBlock[] = [];
    if (superseded.length)
      blocks.push(
        table(
          T.superseded,
          [
            [T.discipline, 2.5],
            [T.round, 0.8],
            [T.submitted, 2],
            [T.supersededAt, 2],
          ],
          superseded.map((r) => [
            t(DISCIPLINE_NAMES[r.discipline]),
            String(r.round),
            when(r.submittedAt),
            when(r.supersededAt),
          ]),
        ),
      );
    if (status.history.length)
      blocks.push(
        table(
          T.steps,
          [
            [T.time, 2],
            [T.step, 2.2],
            [T.by, 1.4],
            [T.note, 4],
          ],
          status.history.map((h) => [when(h.at), of(ACTIONS, h.action), h.actor, h.note ?? '']),
        ),
      );
    sections.set('history', { id: 'history', heading: t(T.history), blocks });
  }

  const headings = template?.template.headings ?? {};
  for (const [id, heading] of Object.entries(headings)) {
    const section = sections.get(id as ReportSectionId);
    if (section && heading) section.heading = heading;
  }
  const order = [...(template?.template.order ?? []), ...REPORT_SECTIONS];
  const ordered = [...new Set(order)].flatMap((id) => sections.get(id) ?? []);

  return {
    language,
    title,
    carNumber: status.number,
    complaintNumber: complaint.number,
    round: status.round,
    header,
    sections: ordered,
    footer: `${title} · ${status.number} · ${t(T.complaint)} ${complaint.number}`,
    template: template?.customer,
  };
}

/** The page footer's "page n of total" in the report's language. */
export function pageLabel(language: Language, n: number, total: number): string {
  return T.page[language].replace('{n}', String(n)).replace('{total}', String(total));
}

/** The latest of some records: the highest round, then the last submitted. */
function latest(records: DisciplineRecord[]): DisciplineRecord | undefined {
  return [...records].sort((a, b) => a.round - b.round || a.submittedAt.localeCompare(b.submittedAt)).at(-1);
}

/** Data of an unknown shape, as label/value rows (nested values as JSON). */
function genericBlock(data: unknown): ReportBlock {
  const entries = data && typeof data === 'object' && !Array.isArray(data) ? Object.entries(data) : [['', data]];
  return {
    kind: 'fields',
    rows: entries.map(([label, value]) => ({
      label: String(label),
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  };
}

const INTERIM = {
  title: L('（中期报告）', ' — interim'),
  done: L('已完成的阶段', 'Disciplines done so far'),
  note: L('中期报告：D8 完成后提供正式报告', 'Interim report: the final report follows D8'),
};

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
