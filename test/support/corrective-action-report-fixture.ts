/**
 * A corrective action that ran a full 8D to closure in two rounds (round 1 judged ineffective, D4–D8 again),
 * with a preliminary report, as the report activity is given it: texts typed in Chinese or in English.
 */
import type { CorrectiveActionStatus, DisciplineRecord } from '../../domain/corrective-action-contract';
import type { Discipline } from '../../domain/corrective-action/action-names';
import type { Language } from '../../domain/registration';

/** The texts people typed, in one language. */
export const TYPED = {
  'zh-CN': {
    champion: '王总监',
    leader: '李工程师',
    member: '张质检员',
    memberRole: '负责来料检验',
    what: '电机运行十分钟后停机',
    where: '客户装配线第三工位',
    why: '过流保护触发',
    scopeResult: '隔离可疑批次',
    containment: '更换客户现场全部可疑驱动器',
    cause: '焊点开裂导致过流',
    rejectedCause: '软件参数设置错误',
    escape: '出厂测试未覆盖热循环',
    evidence: '切片分析确认裂纹',
    action: '更换焊接夹具并调整回流曲线',
    verification: '连续三批零缺陷',
    validation: '热循环试验合格',
    document: '检验标准增加热循环试验',
    documentRef: 'QI-0815',
    summary: '问题已根本解决，客户认可',
    finding: '初步判断为焊接工艺问题',
    test: '热循环试验',
    testMethod: '负四十至八十五摄氏度循环',
    evidenceRound1: '第二批仍有两件失效',
    evidenceRound2: '连续三个月无同类投诉',
    owner: '赵主管',
  },
  en: {
    champion: 'Director Wang',
    leader: 'Engineer Li',
    member: 'Inspector Zhang',
    memberRole: 'incoming inspection',
    what: 'Motor stops after ten minutes',
    where: 'Customer assembly line, station 3',
    why: 'Over-current protection trips',
    scopeResult: 'Suspect batch isolated',
    containment: 'Replace every suspect drive at the customer',
    cause: 'Cracked solder joint causes over-current',
    rejectedCause: 'Wrong software parameter',
    escape: 'Final test does not cover thermal cycling',
    evidence: 'Cross-section shows the crack',
    action: 'New soldering fixture and reflow profile',
    verification: 'Three batches without defect',
    validation: 'Thermal cycling test passed',
    document: 'Inspection standard adds thermal cycling',
    documentRef: 'QI-0815',
    summary: 'Root cause removed; customer agrees',
    finding: 'Probably the soldering process',
    test: 'Thermal cycling',
    testMethod: 'Minus 40 to 85 degrees Celsius',
    evidenceRound1: 'Two failures in the second batch',
    evidenceRound2: 'No complaint of this kind for three months',
    owner: 'Supervisor Zhao',
  },
} as const;

/** The form data of each discipline (valid for the discipline forms). */
export function disciplineData(language: Language): Record<Discipline, unknown> {
  const t = TYPED[language];
  return {
    D1: {
      champion: t.champion,
      leader: t.leader,
      members: [
        { name: t.member, department: 'quality_inspection', role: t.memberRole },
        { name: t.leader, department: 'engineering' },
      ],
    },
    D2: {
      what: t.what,
      where: t.where,
      when: '2026-11-20',
      who: t.owner,
      why: t.why,
      how: t.why,
      howMany: { defective: 37, checked: 1200, unit: 'pcs' },
    },
    D3: {
      scopes: [
        { scope: 'customer_stock', checked: 400, isolated: 12, reworked: 12, owner: t.owner, result: t.scopeResult },
        { scope: 'warehouse', checked: 800, isolated: 25, reworked: 0, owner: t.owner, result: t.scopeResult },
      ],
      actions: [t.containment],
    },
    D4: {
      occurrence: [
        { cause: t.cause, method: 'analysis', evidence: t.evidence, verdict: 'confirmed' },
        { cause: t.rejectedCause, method: 'reproduction', evidence: t.evidence, verdict: 'rejected' },
      ],
      escape: [{ cause: t.escape, method: 'observation', evidence: t.evidence, verdict: 'confirmed' }],
    },
    D5: {
      actions: [
        { action: t.action, addresses: 'occurrence', owner: t.owner, verification: t.verification },
        { action: t.document, addresses: 'escape', owner: t.owner, verification: t.verification },
      ],
    },
    D6: {
      implemented: [
        {
          action: t.action,
          owner: t.owner,
          targetDate: '2026-12-05',
          actualDate: '2026-12-04',
          validation: t.validation,
        },
      ],
    },
    D7: {
      documents: [
        { kind: 'inspection_standard', reference: t.documentRef, change: t.document },
        { kind: 'fmea', reference: 'PFMEA-112', change: t.cause },
      ],
    },
    D8: { summary: t.summary, teamRecognised: true, costs: 12500, customerAccepted: true },
  };
}

const at = (day: number, hour = 2) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

/** A closed 8D of complaint `complaintNumber`: round 1 D1–D8 (D4–D8 superseded by the ineffective verdict), round 2 D4–D8. */
export function closedEightD(complaintNumber: string, language: Language): CorrectiveActionStatus {
  const data = disciplineData(language);
  const t = TYPED[language];
  const record = (discipline: Discipline, round: number, day: number, supersededAt?: string): DisciplineRecord => ({
    discipline,
    round,
    data: data[discipline],
    submittedAt: at(day),
    by: 'qm-1',
    approvedAt: at(day, 6),
    approvedBy: 'gm-1',
    supersededAt,
  });
  const number = `${complaintNumber}-1`;
  const ineffective = at(20);
  return {
    number,
    workflowId: `complaint-${complaintNumber}-car-1`,
    source: 'complaint',
    complaintNumber,
    form: '8d',
    profile: { id: 'cr-mp25', version: 1, hash: 'fixture' },
    phase: 'closed',
    round: 2,
    owner: { role: 'quality_manager', department: 'quality', assist: [] },
    severity: 'major',
    statusLine: `8D ${number} — closed`,
    disciplines: [
      record('D1', 1, 1),
      record('D2', 1, 2),
      record('D3', 1, 3),
      ...(['D4', 'D5', 'D6', 'D7', 'D8'] as const).map((d, i) => record(d, 1, 5 + i, ineffective)),
      ...(['D4', 'D5', 'D6', 'D7', 'D8'] as const).map((d, i) => record(d, 2, 21 + i)),
    ],
    verdicts: [
      { round: 1, effective: false, evidence: t.evidenceRound1, at: ineffective, by: 'qm-1' },
      { round: 2, effective: true, evidence: t.evidenceRound2, at: at(27), by: 'qm-1' },
    ],
    preliminaryReport: {
      at: at(2, 8),
      by: 'ts-1',
      data: { findings: t.finding, testPlan: [{ test: t.test, method: t.testMethod, samples: 20, due: '2026-11-10' }] },
    },
    deadlines: [],
    overdue: false,
    escalationLevel: 0,
    openActions: [],
    history: [
      { at: at(1, 1), action: 'open', actor: 'qm-1', note: 'opened' },
      { at: at(1), action: 'formTeam', actor: 'qm-1' },
      { at: ineffective, action: 'verifyEffectiveness', actor: 'qm-1', note: 'ineffective' },
      { at: at(27), action: 'verifyEffectiveness', actor: 'qm-1', note: 'effective' },
    ],
    closedAt: at(28),
    closeReason: 'closed',
  };
}
