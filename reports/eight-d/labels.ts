/** The 8D report's fixed text in both languages: headings, field labels, and the names of its codes (data). */
import { DISCIPLINE_ACTIONS, DISCIPLINES } from '../../domain/corrective-action/action-names';
import { DISCIPLINE_NAMES } from '../../domain/corrective-action/state';
import type { Label } from '../../domain/labels';

export const L = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

/** Every text of the standard layout, in both languages. */
export const T = {
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

export const SCOPES: Record<string, Label> = {
  customer_stock: L('客户库存', 'Customer stock'),
  in_transit: L('在途', 'In transit'),
  warehouse: L('仓库', 'Warehouse'),
  wip: L('在制品', 'Work in progress'),
  raw_material: L('原材料', 'Raw material'),
};
export const METHODS: Record<string, Label> = {
  measurement: L('测量', 'measurement'),
  observation: L('观察', 'observation'),
  reproduction: L('复现', 'reproduction'),
  analysis: L('分析', 'analysis'),
};
export const VERDICTS: Record<string, Label> = {
  confirmed: L('已确认', 'confirmed'),
  rejected: L('已排除', 'rejected'),
};
export const ADDRESSES: Record<string, Label> = {
  occurrence: L('发生原因', 'occurrence'),
  escape: L('流出原因', 'escape'),
};
export const DOCUMENTS: Record<string, Label> = {
  fmea: L('FMEA', 'FMEA'),
  control_plan: L('控制计划', 'Control plan'),
  work_instruction: L('作业指导书', 'Work instruction'),
  inspection_standard: L('检验标准', 'Inspection standard'),
  other: L('其他', 'Other'),
};
export const ACTIONS: Record<string, Label> = {
  open: L('开立', 'opened'),
  approveBlock: L('批准', 'approved'),
  rejectBlock: L('驳回', 'rejected'),
  stepBack: L('退回', 'stepped back'),
  submitPreliminaryReport: L('提交初步报告', 'preliminary report'),
  verifyEffectiveness: L('有效性验证', 'effectiveness verified'),
  cancel: L('取消', 'cancelled'),
  ...Object.fromEntries(DISCIPLINES.map((d) => [DISCIPLINE_ACTIONS[d], DISCIPLINE_NAMES[d]])),
};

export const INTERIM = {
  title: L('（中期报告）', ' — interim'),
  done: L('已完成的阶段', 'Disciplines done so far'),
  note: L('中期报告：D8 完成后提供正式报告', 'Interim report: the final report follows D8'),
};
