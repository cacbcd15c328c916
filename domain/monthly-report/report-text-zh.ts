/** The reports' fixed text in Chinese (report-text.ts says what each is). */
import { BEST_TEAM_MIN_CLOCKS } from '../performance';
import { WINDOW_MONTHS } from './monthly-report';
import type { ReportText } from './report-text-shape';

export const ZH: ReportText = {
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
