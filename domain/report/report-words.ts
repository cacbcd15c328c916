/**
 * The monthly and performance reports in words (issue 25): every code a report holds — complaint types,
 * severities, causes, departments, channels, clock names, stages, procedures, satisfaction answers — named
 * from the profiles and domain/labels.ts, and months and instants written in the company's time zone as the
 * reader writes them (zh-CN / en). The JSON keeps the codes; HTML, PDF and CSV show these. Pure.
 */
import { dateFormat } from '../date-formats';
import { CAUSE_NAMES, CHANNEL_NAMES, STAGE_NAMES, clockName, label, unitNameIn, type Label } from '../labels';
import { BEST_TEAM_MIN_CLOCKS, BEST_TEAM_RULE } from '../performance';
import type { Profile } from '../profile-schema';
import type { Language } from '../registration';
import type { Stage } from '../stages';
import { REPORT_RULES, WINDOW_MONTHS, type PpmCategory, type ShippedSource } from './monthly-report';

/**
 * The department a complaint not classified yet is with: customer service registers and classifies every
 * complaint (each built-in procedure's `classify` step is customer service's), so its clocks and entries
 * recorded before a department was known count there when the complaint still has none.
 */
export const INTAKE_DEPARTMENT = 'customer_service';

/** The department a clock or entry recorded before its complaint was routed was stored under. */
export const NO_DEPARTMENT = 'unassigned';

/** What a report reads names from: the profiles a deployment offers (default first). */
export type NamingProfile = Pick<
  Profile,
  'id' | 'name' | 'complaintTypes' | 'severities' | 'departments' | 'satisfaction'
> &
  Partial<Pick<Profile, 'defectCodes'>>;

/** An id in words when nobody named it: `quality_in_warranty` → "quality in warranty". */
const words = (id: string): Label => {
  const text = id.replace(/_/g, ' ');
  return label(text, text);
};

const NOT_SET = {
  type: label('未分类', 'not classified'),
  cause: label('未诊断', 'not diagnosed'),
  severity: label('未定级', 'not rated'),
  department: label('未分派', 'not assigned'),
  channel: label('未知渠道', 'unknown channel'),
  profile: label('未知流程', 'unknown procedure'),
  stage: label('未知阶段', 'unknown stage'),
} as const;

/** Names of every code a report shows; null (not set yet) has its own words. */
export interface ReportNames {
  type(id: string | null): Label;
  severity(id: string | null): Label;
  cause(id: string | null): Label;
  /** A Pareto bar's defect: a code of a procedure's defect list (004 §5.7 c)), else a cause class. */
  defect(id: string): Label;
  department(id: string | null): Label;
  channel(id: string | null): Label;
  /** A procedure (profile) by its id: its name. */
  profile(id: string | null): Label;
  clock(name: string): Label;
  stage(id: string | null): Label;
  /** A satisfaction answer of a profile's scale: a level's label, a score as the number. */
  answer(profileId: string, answer: string): Label;
}

/** The names of `profiles` (the first that names an id wins); ids nobody names are written as words. */
export function reportNames(profiles: readonly NamingProfile[]): ReportNames {
  const find = <T extends { id: string; label: Label }>(list: (p: NamingProfile) => readonly T[], id: string) => {
    for (const p of profiles) {
      const hit = list(p).find((t) => t.id === id);
      if (hit) return hit.label;
    }
    return undefined;
  };
  const byId = new Map(profiles.map((p) => [p.id, p]));
  return {
    type: (id) => (id === null ? NOT_SET.type : (find((p) => p.complaintTypes, id) ?? words(id))),
    severity: (id) => (id === null ? NOT_SET.severity : (find((p) => p.severities, id) ?? words(id))),
    cause: (id) => (id === null ? NOT_SET.cause : (CAUSE_NAMES[id as keyof typeof CAUSE_NAMES] ?? words(id))),
    defect: (id) =>
      find((p) => p.defectCodes?.codes ?? [], id) ?? CAUSE_NAMES[id as keyof typeof CAUSE_NAMES] ?? words(id),
    department: (id) =>
      id === null || id === NO_DEPARTMENT ? NOT_SET.department : (unitNameIn(profiles, id) ?? words(id)),
    channel: (id) => (id === null ? NOT_SET.channel : (CHANNEL_NAMES[id as keyof typeof CHANNEL_NAMES] ?? words(id))),
    profile: (id) => (id === null ? NOT_SET.profile : (byId.get(id)?.name ?? words(id))),
    clock: (name) => clockName(name),
    stage: (id) => (id === null ? NOT_SET.stage : (STAGE_NAMES[id as Stage] ?? words(id))),
    answer: (profileId, answer) => {
      const scale = byId.get(profileId)?.satisfaction;
      const level = scale?.kind === 'levels' ? scale.levels.find((l) => l.id === answer) : undefined;
      if (level) return level.label;
      return /^-?\d+(\.\d+)?$/.test(answer) ? label(`${answer} 分`, answer) : words(answer);
    },
  };
}

/** A registry's profiles, its default first (its names win where two profiles name one code differently). */
export function namingOrder(profiles: {
  list(): ReadonlyArray<{ profile: NamingProfile }>;
  defaultId?: string;
}): NamingProfile[] {
  const list = profiles.list().map((p) => p.profile);
  return [...list.filter((p) => p.id === profiles.defaultId), ...list.filter((p) => p.id !== profiles.defaultId)];
}

// ---- months and instants, in the company's time zone, as the reader writes them ----

const LOCALES: Record<Language, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

/** A month `YYYYMM`: "2026年11月", "November 2026" (`short`: "Nov 2026"). */
export function monthWords(month: string, language: Language, style: 'long' | 'short' = 'long'): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(4)) - 1, 15));
  return dateFormat(LOCALES[language], {
    timeZone: 'UTC',
    year: 'numeric',
    month: language === 'zh-CN' ? 'long' : style,
  }).format(date);
}

/** An instant in `timeZone`: "2026年11月30日 17:00", "30 Nov 2026, 17:00". */
export function instantWords(instant: string | Date, language: Language, timeZone: string): string {
  return dateFormat(LOCALES[language], {
    timeZone,
    year: 'numeric',
    month: language === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** The day of an instant in `timeZone`: "2026年11月30日", "30 Nov 2026". */
export function dayWords(instant: string | Date, language: Language, timeZone: string): string {
  return dateFormat(LOCALES[language], {
    timeZone,
    year: 'numeric',
    month: language === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
  }).format(new Date(instant));
}

/** The zone's name: "中国标准时间", "China Standard Time" (the IANA id when the zone has no name). */
export function zoneWords(timeZone: string, language: Language): string {
  const part = dateFormat(LOCALES[language], { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date(0))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

// ---- the fixed text of the reports ----

/** The reports' headings, columns, row names and rules in one language. */
export interface ReportText {
  title: string;
  /** The line under the title: zone, period and when it was counted. */
  meta(zone: string, first: string, last: string, generated: string): string;
  none: string;
  sections: Record<
    'summary' | 'pareto' | 'ppm' | 'trend' | 'by' | 'sla' | 'performance' | 'satisfaction' | 'repeats' | 'backlog',
    string
  >;
  value: string;
  complaints: string;
  units: string;
  summary: {
    complaints: string;
    units: string;
    defectComplaints: string;
    defectUnits: string;
    shipped: (source: string) => string;
    onTime: string;
    open: string;
    bestTeam: string;
    topThree: string;
  };
  shippedSource: Record<ShippedSource, string>;
  pareto: {
    chart: string;
    cause: string;
    model: string;
    share: string;
    cumulative: string;
    action: string;
    topThreeAction: string;
    topThree: string;
    other: string;
  };
  ppmCategory: Record<PpmCategory, string>;
  total: string;
  shipped: string;
  month: string;
  defectUnits: string;
  breakdown: Record<'type' | 'cause' | 'severity' | 'department' | 'channel' | 'profile', string>;
  sla: {
    byClock: string;
    byDepartment: string;
    all: string;
    clocks: string;
    onTime: string;
    breaches: string;
    rate: string;
    chart: string;
  };
  performance: {
    department: string;
    warnings: string;
    penalties: string;
    praise: string;
    escalated: string;
    bestTeam: (team: string) => string;
  };
  satisfaction: {
    caption: (
      profile: string,
      scale: string,
      responses: number,
      satisfied: number,
      rate: number | null,
      mean: number | null,
    ) => string;
    scale: Record<'levels' | 'score' | 'unknown', string>;
    answer: string;
    count: string;
  };
  repeats: {
    sameCustomerCause: string;
    sameLot: string;
    groups: (name: string, groups: number) => string;
    customer: string;
    thisMonth: string;
    numbers: string;
    lot: string;
    models: string;
    laterOrders: string;
    defect: string;
    meeting: string;
  };
  backlog: {
    openAt: (asOf: string, open: number) => string;
    oldest: string;
    number: string;
    age: string;
    stage: string;
    severity: string;
    ageDays: string;
    bucket: (minDays: number, maxDays: number | null) => string;
  };
  trendChart: string;
  rules: Record<keyof typeof REPORT_RULES, string>;
  bestTeamRule: string;
  /** The CSV's header. */
  csv: [month: string, table: string, row: string, column: string, value: string];
  page: (n: number, count: number) => string;
}

const ZH: ReportText = {
  title: '月度质量报告',
  meta: (zone, first, last, generated) => `统计期间：${first} 至 ${last}（${zone}）· 生成于 ${generated}`,
  none: '无',
  sections: {
    summary: '概要',
    pareto: '不良原因柏拉图',
    ppm: '不良 PPM',
    trend: '12 个月趋势',
    by: '投诉分类统计',
    sla: 'SLA 达成',
    performance: '部门绩效',
    satisfaction: '客户满意度',
    repeats: '重复投诉',
    backlog: '未结投诉账龄',
  },
  value: '数值',
  complaints: '投诉',
  units: '数量',
  summary: {
    complaints: '投诉数',
    units: '涉及数量',
    defectComplaints: '不良投诉',
    defectUnits: '不良数量',
    shipped: (source) => `出货数量（${source}）`,
    onTime: 'SLA 按时率',
    open: '未结投诉',
    bestTeam: '最佳团队',
    topThree: '前三项不良',
  },
  shippedSource: { entered: '录入的出货数', shipments: '出货记录', none: '无出货数据' },
  pareto: {
    chart: '不良原因柏拉图',
    cause: '原因',
    model: '型号',
    share: '占比',
    cumulative: '累计',
    action: '措施',
    topThreeAction: '前三项 → 纠正措施',
    topThree: '前三项',
    other: '其他',
  },
  ppmCategory: {
    in_warranty_return: '保修期内退货不良',
    out_of_warranty_return: '保修期外退货不良',
    onsite_repair: '现场维修不良',
    unrepaired_unreturned: '未维修未退货不良',
  },
  total: '合计',
  shipped: '出货',
  month: '月份',
  defectUnits: '不良数量',
  breakdown: {
    type: '按类型',
    cause: '按原因',
    severity: '按严重度',
    department: '按部门',
    channel: '按渠道',
    profile: '按流程',
  },
  sla: {
    byClock: '按时限',
    byDepartment: '按部门',
    all: '全部',
    clocks: '时限',
    onTime: '按时',
    breaches: '超时',
    rate: '按时率',
    chart: '各部门 SLA 达成率',
  },
  performance: {
    department: '部门',
    warnings: '警告',
    penalties: '处罚',
    praise: '表扬',
    escalated: '升级',
    bestTeam: (team) => `最佳团队：${team}`,
  },
  satisfaction: {
    caption: (profile, scale, responses, satisfied, rate, mean) =>
      `${profile}（${scale}）：${responses} 份评价，满意 ${satisfied} 份` +
      (rate !== null ? `（${rate}%）` : '') +
      (mean !== null ? `，平均分 ${mean}` : ''),
    scale: { levels: '满意度等级', score: '评分', unknown: '未知评价方式' },
    answer: '评价',
    count: '次数',
  },
  repeats: {
    sameCustomerCause: '同一客户同类原因',
    sameLot: '同一批次',
    groups: (name, groups) => `${name}（${groups} 组）`,
    customer: '客户',
    thisMonth: '本月',
    numbers: '编号',
    lot: '批次',
    models: '型号',
    laterOrders: '影响后续订单',
    defect: '不良原因',
    meeting: '每组 → 召开品质向上计划会议（004 §5.7 b）',
  },
  backlog: {
    openAt: (asOf, open) => `截至 ${asOf} 未结：${open}`,
    oldest: '最久未结',
    number: '编号',
    age: '账龄',
    stage: '阶段',
    severity: '严重度',
    ageDays: '天数',
    bucket: (min, max) => (max === null ? `${min - 1} 天以上` : `${min}–${max} 天`),
  },
  trendChart: '12 个月趋势',
  rules: {
    month: '投诉按编号所在月份统计（登记时间，按公司时区）；时限按到期月份统计；满意度回访按记录月份统计',
    cause: '原因取投诉最近一次诊断的原因类别；未诊断的记为“未诊断”',
    defect: '不良：未被判定无效、且原因为设计或制造或尚未诊断的投诉（使用不当和外部原因不属于产品不良）',
    pareto:
      '原因为设计或制造的不良投诉，按原因类别和产品型号统计，投诉多者在前（相同时数量多者在前，再按名称）；' +
      '前三项发起纠正措施请求',
    ppm:
      'PPM =（保修期内退货不良 + 保修期外退货不良 + 现场维修不良 + 未维修未退货不良）× 1,000,000 ÷ 出货数量' +
      '（004 §5.7 d），按件数（涉及数量）计。现场服务（服务方式为现场，或有派工、到达记录）的不良为现场维修不良；' +
      '否则有处理记录的为退货不良（分类或登记为保修期外的为保修期外，否则为保修期内）；其余为未维修未退货不良。' +
      '出货数量：该月录入的数字，否则为该月的出货记录',
    sla: '当月到期且已完成或已超时的时限；按时：已完成且从未超时。尚未分派部门时记录的时限计入投诉所属部门',
    satisfaction: '当月记录的满意度回访，按各流程的评价方式；“满意”按流程的定义',
    repeats:
      `截至报告月份的 ${WINDOW_MONTHS} 个月内：同一客户（登记名称，不分大小写）同一诊断原因出现多次，` +
      '以及同一批次有多于一次投诉，且每组至少有一次投诉在本月',
    backlog: '报告期末（当月报告为当前时间）前登记且当时未关闭的投诉，按登记以来的天数统计',
  },
  bestTeamRule:
    `当月到期时限不少于 ${BEST_TEAM_MIN_CLOCKS} 个且无升级投诉的部门中按时率最高者；` +
    '相同时处罚少者优先，其次警告少者，其次时限多者，最后按部门名称',
  csv: ['月份', '表', '行', '列', '数值'],
  page: (n, count) => `第 ${n} 页，共 ${count} 页`,
};

const EN: ReportText = {
  title: 'Monthly quality report',
  meta: (zone, first, last, generated) => `${first} – ${last} (${zone}) · generated ${generated}`,
  none: 'none',
  sections: {
    summary: 'Summary',
    pareto: 'Pareto of defect causes',
    ppm: 'Defect PPM',
    trend: '12-month trend',
    by: 'Complaints by',
    sla: 'SLA compliance',
    performance: 'Department performance',
    satisfaction: 'Satisfaction',
    repeats: 'Repeats',
    backlog: 'Backlog ageing',
  },
  value: 'value',
  complaints: 'complaints',
  units: 'units',
  summary: {
    complaints: 'complaints',
    units: 'units affected',
    defectComplaints: 'defect complaints',
    defectUnits: 'defect units',
    shipped: (source) => `shipped (${source})`,
    onTime: 'SLA on time',
    open: 'open complaints',
    bestTeam: 'best team',
    topThree: 'top three causes',
  },
  shippedSource: { entered: 'figure entered', shipments: 'shipment records', none: 'no shipment data' },
  pareto: {
    chart: 'Pareto of defect causes',
    cause: 'cause',
    model: 'model',
    share: 'share',
    cumulative: 'cumulative',
    action: 'action',
    topThreeAction: 'top 3 → corrective action',
    topThree: 'top three',
    other: 'other',
  },
  ppmCategory: {
    in_warranty_return: 'in-warranty return',
    out_of_warranty_return: 'out-of-warranty return',
    onsite_repair: 'onsite repair',
    unrepaired_unreturned: 'unrepaired / unreturned',
  },
  total: 'total',
  shipped: 'shipped',
  month: 'month',
  defectUnits: 'defect units',
  breakdown: {
    type: 'by type',
    cause: 'by cause',
    severity: 'by severity',
    department: 'by department',
    channel: 'by channel',
    profile: 'by procedure',
  },
  sla: {
    byClock: 'by time limit',
    byDepartment: 'by department',
    all: 'all',
    clocks: 'time limits',
    onTime: 'on time',
    breaches: 'missed',
    rate: 'on-time rate',
    chart: 'SLA by department',
  },
  performance: {
    department: 'department',
    warnings: 'warnings',
    penalties: 'penalties',
    praise: 'praise',
    escalated: 'escalated',
    bestTeam: (team) => `best team: ${team}`,
  },
  satisfaction: {
    caption: (profile, scale, responses, satisfied, rate, mean) =>
      `${profile} (${scale}): ${responses} answers, ${satisfied} satisfied` +
      (rate !== null ? ` (${rate}%)` : '') +
      (mean !== null ? `, mean score ${mean}` : ''),
    scale: { levels: 'satisfaction levels', score: 'score', unknown: 'unknown scale' },
    answer: 'answer',
    count: 'count',
  },
  repeats: {
    sameCustomerCause: 'same customer, same cause',
    sameLot: 'same lot',
    groups: (name, groups) => `${name} (${groups} groups)`,
    customer: 'customer',
    thisMonth: 'this month',
    numbers: 'numbers',
    lot: 'lot',
    models: 'models',
    laterOrders: 'affects later orders',
    defect: 'defect',
    meeting: 'each group → quality improvement plan meeting (004 §5.7 b)',
  },
  backlog: {
    openAt: (asOf, open) => `open at ${asOf}: ${open}`,
    oldest: 'oldest open',
    number: 'number',
    age: 'age',
    stage: 'stage',
    severity: 'severity',
    ageDays: 'age (days)',
    bucket: (min, max) => (max === null ? `over ${min - 1} days` : `${min}–${max} days`),
  },
  trendChart: '12-month trend',
  rules: {
    ...REPORT_RULES,
    sla: `${REPORT_RULES.sla}. Clocks recorded before a department was assigned count for the complaint's department`,
  },
  bestTeamRule: BEST_TEAM_RULE,
  csv: ['month', 'table', 'row', 'column', 'value'],
  page: (n, count) => `page ${n} of ${count}`,
};

/** The reports' fixed text in each language. */
export const REPORT_TEXT: Record<Language, ReportText> = { 'zh-CN': ZH, en: EN };

/** The language a reader asked for: `?lang=`, else the first of Accept-Language we write, else Chinese. */
export function reportLanguage(asked: string | undefined, accepted: string | false): Language {
  if (asked === 'en' || asked === 'zh-CN') return asked;
  if (accepted && accepted.toLowerCase().startsWith('en')) return 'en';
  return 'zh-CN';
}
