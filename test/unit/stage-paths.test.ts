/** Each built-in profile's stage path, checked against its seed stage by stage. */
import { BUILT_IN_PROFILES } from '../../domain/profiles';

const pathOf = (id: string) => {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === id)!;
  return profile.stagePath;
};

/** Seed 003 (after-sales SOP), chapter 2: each stage with the section that has it. */
const SEED_003: Array<[string, string]> = [
  ['registered', '§2.1.1 受理: request recorded (售后服务受理登记表)'],
  ['triage', '§2.1.2 初步判断: fault type, urgency, on site or not'],
  ['dispatch', '§2.2.1 派工: engineer of the region and qualification, within 30 min / 2 h / 4 h'],
  ['execution', '§2.2.2–2.3.2: call ahead, arrive, diagnose, parts consent, repair (remote guidance skips dispatch)'],
  ['verification', '§2.3.3 功能测试与客户确认: function test, signed service confirmation'],
  ['satisfaction', '§2.4.1 服务回访: callback within 24 h, score 1–10'],
  ['follow_up', '§2.4.1 ④: below 8 the reason is recorded and followed up'],
  ['closed', '§2.4.2 资料归档'],
  ['archived', '§2.4.2 资料归档'],
];

test('003 after-sales: request, triage, dispatch, visit, test and confirmation, callback, follow-up, archive', () => {
  expect(pathOf('after-sales')).toEqual(SEED_003.map(([stage]) => stage));
});

/** Seed 002 (engine plant regulation), chapters 3–6. */
const SEED_002: Array<[string, string]> = [
  ['registered', '3.1 投訴接收與登記 (email: confirmed within 1 h)'],
  ['triage', '3.2 投訴分類與轉辦: passed to the responsible department with a time limit'],
  ['investigation', '3.3 調查與核實: within 3 days'],
  ['planning', '3.4 方案制定: the department proposes the remedy'],
  ['customer_decision', '3.4 溝通: the customer confirms before it is carried out'],
  ['escalated', '4.1/4.3 升級: sales coordinates and settles within 7 days'],
  ['execution', '3.4 客戶確認後執行'],
  ['satisfaction', '5.1/5.2 回訪 within 3 days: satisfied / neutral / dissatisfied'],
  ['follow_up', 'ours: a customer not satisfied is followed up (5.2 records the improvement)'],
  ['closed', '6 投訴記錄'],
  ['archived', '6.1 檔案 kept 2 years'],
];

test('002 engine plant: no validity check, approval, payment or verification stage', () => {
  expect(pathOf('engine-plant')).toEqual(SEED_002.map(([stage]) => stage));
});

/** Seed 000 (industrial product fault handbook), section 二. */
const SEED_000: Array<[string, string]> = [
  ['registered', '(一) 投诉接收与初始登记: number 202405-001, owners told within 10 min'],
  ['triage', '(一) 通知对应销售代表及技术支持工程师'],
  ['validity_check', '(二) 2 小时内联系客户, 确认信息 (misuse or not, original parts)'],
  ['investigation', '(三) 故障诊断与原因分析: design / manufacturing / misuse / external; 一般/严重/紧急'],
  ['planning', '(四) 处理方案制定'],
  ['approval', '(四) 质量管理人员审核方案'],
  ['customer_decision', '(五) 书面确认; 异议 → 2 小时内调整方案'],
  ['escalated', '(五) 无法达成一致 → 质量管理人员协调或第三方仲裁'],
  ['payment', '(四) 因客户原因导致: 收取维修成本费'],
  ['execution', '(六) 实施, 每24小时反馈进展'],
  ['verification', '(七) 连续运行2小时无异常'],
  ['satisfaction', '(七) 24小时内电话回访: 非常满意/满意/一般/不满意'],
  ['follow_up', 'ours: (八) closes only once the customer is satisfied'],
  ['closed', '(八) 投诉关闭'],
  ['archived', '(八) 归档, 不少于5年'],
];

test('000 industrial fault: no invalid finding (misuse is a diagnosed cause), everything else', () => {
  expect(pathOf('industrial-fault')).toEqual(SEED_000.map(([stage]) => stage));
});

/** Seed 001 (quality complaint and improvement guide), section 二. */
const SEED_001: Array<[string, string]> = [
  ['registered', '(一) 投诉受理与信息登记: receipt confirmed, 24 h contact promised'],
  ['triage', '(二) 投诉分级与初步响应: 2 h / 4 h / 8 h, assigned, customer told'],
  ['validity_check', '(一) 信息核对: vague facts confirmed with the customer'],
  ['investigation', '(三) 原因调查与证据收集'],
  ['planning', '(四) 原因分析与方案制定: customer plan and internal improvement (no approval)'],
  ['customer_decision', '(五) the customer is told the plan and asked whether it satisfies'],
  ['escalated', '(五) 异议处理: 升级至部门负责人协商'],
  ['execution', '(五) 内部执行'],
  ['verification', '(六) 效果验证: within 1 week'],
  ['satisfaction', '(五) 方案执行后1个工作日内反馈结果'],
  ['follow_up', '(六) 30天回访'],
  ['closed', '(六) 归档总结'],
  ['archived', '(六) 投诉处理案例库'],
];

test('001 quality improvement: no approval, invalid finding or payment stage', () => {
  expect(pathOf('quality-improvement')).toEqual(SEED_001.map(([stage]) => stage));
});

/** Seed 004 (CR-MP25), section 5. */
const SEED_004: Array<[string, string]> = [
  ['registered', '5.1.1 客户投诉一览表'],
  ['triage', '5.1.1 是否需派工程师现场维护; 5.1.2 CRM activity to quality, CC managers and GM'],
  ['validity_check', '5.2 a) 品质客诉工程师初步判定'],
  ['invalid_notice', '5.2 b) 不属实或非本厂造成: 商务部通知客户确认, 未再投诉则关闭'],
  ['investigation', '5.2 c)/d) 纠正与预防措施; 5.6 4 h preliminary finding'],
  ['planning', '5.2 e) repair routing; 5.4 a) 维修确认单'],
  ['approval', '5.4 d) 费用由公司承担 → 总经理批示'],
  ['customer_decision', '5.4 a) 商务协商 (renegotiated, no arbitration)'],
  ['payment', '5.4 c) 收取维修服务费'],
  ['execution', '5.2 e) / 5.4 b) 维修或升级, 自检'],
  ['verification', '5.3 a) 验证结果'],
  ['satisfaction', '5.3 b) customer satisfied with the result?'],
  ['closed', '5.3 b) not satisfied → a new complaint; 5.2 g) 存档'],
  ['archived', '7 相关记录'],
];

test('004 CR-MP25: invalid finding with objection, GM approval, payment, no arbitration or follow-up', () => {
  expect(pathOf('cr-mp25')).toEqual(SEED_004.map(([stage]) => stage));
});
