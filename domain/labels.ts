/**
 * Names of what emails quote — stages, roles, departments, clocks, reasons — in each language customers and
 * staff are written in. Process-specific names (severities, complaint types, satisfaction levels, the
 * procedure's own departments) come from the profile; these are the names every procedure shares.
 */
import type { Profile } from './profile-schema';
import type { CHANNELS, Language, LIST_KINDS } from './registration';
import type { Role } from './roles';
import type { Stage } from './stages';

/** A text in every language emails are written in. */
export type Label = Record<Language, string>;

export const label = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

/**
 * Template values of a label: `key@zh-CN` and `key@en`, each replacing `key` in emails in that language
 * (`key` itself is the English text, as the Web UI's activity summaries show it); none without a label.
 */
export function localized(key: string, text: Label | undefined): Record<string, string> {
  return text ? { [key]: text.en, [`${key}@zh-CN`]: text['zh-CN'], [`${key}@en`]: text.en } : {};
}

/** Several labels joined in each language ("、" in Chinese). */
export function joined(labels: Label[]): Label | undefined {
  if (!labels.length) return undefined;
  return label(labels.map((l) => l['zh-CN']).join('、'), labels.map((l) => l.en).join(', '));
}

export const STAGE_NAMES: Record<Stage, Label> = {
  registered: label('已登记', 'registered'),
  triage: label('待分类', 'awaiting classification'),
  validity_check: label('有效性核实', 'validity check'),
  invalid_notice: label('已判定无效，等待客户异议', 'found invalid, waiting for an objection'),
  investigation: label('调查中', 'under investigation'),
  planning: label('方案制定中', 'plan in preparation'),
  approval: label('方案待审批', 'plan awaiting approval'),
  customer_decision: label('待客户确认', 'awaiting customer confirmation'),
  escalated: label('已升级仲裁', 'escalated for arbitration'),
  payment: label('待付款', 'awaiting payment'),
  dispatch: label('待派工', 'awaiting engineer dispatch'),
  execution: label('处理中', 'remedy in execution'),
  verification: label('待验证', 'awaiting verification'),
  satisfaction: label('满意度回访', 'satisfaction callback'),
  follow_up: label('跟进中', 'follow-up'),
  closed: label('已关闭', 'closed'),
  archived: label('已归档', 'archived'),
};

export const ROLE_NAMES: Record<Role, Label> = {
  customer_service: label('客服部', 'customer service'),
  sales: label('销售部', 'sales'),
  technical_support: label('技术支持部', 'technical support'),
  quality_manager: label('质量经理', 'the quality manager'),
  repair: label('维修组', 'the repair team'),
  department_head: label('部门主管', 'the department head'),
  general_manager: label('总经理', 'the general manager'),
  admin: label('系统管理员', 'the administrator'),
};

/** Departments the built-in procedures name; a company profile names its own in `departments`. */
const DEPARTMENT_NAMES: Record<string, Label> = {
  quality: label('质量部', 'quality department'),
  quality_inspection: label('质检部', 'quality inspection'),
  engineering: label('工程部', 'engineering'),
  logistics: label('物流部', 'logistics'),
  planning: label('计划部', 'planning'),
  finance: label('财务部', 'finance'),
  rnd: label('研发部', 'R&D'),
  after_sales: label('售后服务部', 'after-sales service'),
  task_force: label('跨部门工作组', 'cross-department task force'),
  operations: label('运维', 'operations'),
  production: label('生产部', 'production'),
  warehouse: label('仓库', 'warehouse'),
  purchasing: label('采购部', 'purchasing'),
  administration: label('行政部', 'administration department'),
  service_team: label('服务团队负责人', 'service team leader'),
};

/** A role's or department's name: the profile's, else the shared one; undefined when nobody named it. */
export function unitName(profile: Profile, id: string): Label | undefined {
  return profile.departments?.[id] ?? DEPARTMENT_NAMES[id] ?? ROLE_NAMES[id as Role];
}

/** A department's name in the first of `profiles` that names it, else the shared one; undefined when nobody does. */
export function unitNameIn(profiles: ReadonlyArray<Pick<Profile, 'departments'>>, id: string): Label | undefined {
  for (const profile of profiles) {
    const own = profile.departments?.[id];
    if (own) return own;
  }
  return DEPARTMENT_NAMES[id] ?? ROLE_NAMES[id as Role];
}

/** What each SLA clock and timer waits for (warnings and escalations quote it). */
const CLOCK_NAMES: Record<string, Label> = {
  acknowledge: label('受理确认', 'acknowledgement'),
  notify_owners: label('通知负责人', 'telling the owners'),
  first_contact: label('首次联系客户', 'first contact with the customer'),
  response: label('初步响应', 'first response'),
  answer: label('答复客户', 'answer to the customer'),
  investigation: label('调查', 'investigation'),
  plan: label('处理方案', 'plan'),
  revision: label('修订方案', 'revised plan'),
  preliminary_report: label('初步报告', 'preliminary report'),
  escalated_resolution: label('升级处理', 'escalated resolution'),
  dispatch: label('派工', 'dispatch'),
  arrival: label('到达现场', 'arrival on site'),
  restore: label('恢复运行', 'restoring operation'),
  effectiveness_check: label('有效性验证', 'effectiveness check'),
  result_feedback: label('结果反馈', 'result feedback'),
  callback: label('回访', 'callback'),
  follow_up: label('跟进', 'follow-up'),
  temporary_plan: label('应急临时方案', 'emergency temporary plan'),
  preliminary_solution: label('初步解决方案', 'preliminary solution'),
  finding_to_sales: label('调查结果送达销售', 'investigation result to sales'),
  plan_to_sales: label('方案送达销售', 'plan to sales'),
  answer_8d_or_ca: label('答复8D或纠正措施', '8D or corrective action answered'),
  objection_window: label('异议期', 'objection window'),
  call_ahead: label('上门前电话预约', 'call ahead of the visit'),
  progress: label('进展通报', 'progress update'),
};

/** A clock's name; an unknown one (a newer clock) as its id in words. */
export function clockName(name: string): Label {
  const words = name.replace(/_/g, ' ');
  return CLOCK_NAMES[name] ?? label(words, words);
}

/** Why a complaint closed, as the customer is told (the English text is also the recorded reason). */
export const CLOSE_REASONS = {
  satisfied: label('客户满意', 'customer satisfied'),
  finalDecision: label('已作出最终决定，客户仍不满意', 'final decision recorded; customer not satisfied'),
  newComplaint: label('客户不满意，将作为新投诉重新处理', 'customer not satisfied: to be taken up as a new complaint'),
  followUpResolved: label('跟进后问题已解决', 'follow-up: resolved'),
  quoteDeclined: label(
    '客户不接受维修报价，产品未经维修退回',
    'customer declined the repair quote; unit returned unrepaired',
  ),
  invalidUnopposed: label('判定无效，异议期内未收到异议', 'invalid; no objection within the window'),
} satisfies Record<string, Label>;

/** Why staff escalated (the `escalate` action's reasons). */
/** The kinds of 004's complaint list (004 §5.1.1). */
export const LIST_KIND_NAMES: Record<(typeof LIST_KINDS)[number], Label> = {
  in_warranty_defect: label('保修期内不良', 'defect in warranty'),
  out_of_warranty_defect: label('保修期外不良', 'defect out of warranty'),
  on_site_repair: label('需现场维修不良', 'defect needing on-site repair'),
  parts_by_mail: label('需邮寄物料到客户进行改换不良', 'defect fixed by parts sent by mail'),
};

export const ESCALATION_REASONS: Record<'customer_agitated' | 'safety_issue', Label> = {
  customer_agitated: label('客户情绪激动', 'customer agitated'),
  safety_issue: label('安全问题', 'safety issue'),
};

/** Notes the system writes itself. */
export const SYSTEM_NOTES = {
  scheduledProgress: label(
    '您的投诉正在处理中，我们会继续及时告知进展',
    'your complaint is being worked on; we will keep you informed',
  ),
  emergencyPlanOverdue: label('应急临时方案已超时', 'the emergency temporary plan is overdue'),
  missed: (clock: string) =>
    label(`时限“${clockName(clock)['zh-CN']}”已超时`, `the deadline "${clockName(clock).en}" was missed`),
} as const;

/** What the engineer brings on a visit (003 §2.2–2.3): tools and parts, and the forms the procedure requires. */
export function visitKit(profile: Profile): Label {
  const kit = [label('工具及该产品的原厂备件', 'tools and original spare parts for the product')];
  if (profile.dispatch?.requirePartsConsent)
    kit.push(
      label('备件价格及保修说明（更换前须经客户同意）', 'parts prices and warranty terms for the customer to agree'),
    );
  if (profile.dispatch?.requireServiceConfirmation)
    kit.push(label('服务确认单（由客户签字）', 'the service confirmation for the customer to sign'));
  return joined(kit)!;
}

/** The cause classes of a diagnosis (seed 000 §(3)): what the monthly report's Pareto and repeats group by. */
export const CAUSE_NAMES: Record<'design' | 'manufacturing' | 'misuse' | 'external', Label> = {
  design: label('设计', 'design'),
  manufacturing: label('制造', 'manufacturing'),
  misuse: label('使用不当', 'misuse'),
  external: label('外部原因', 'external cause'),
};

/** The channels a complaint arrives through (domain/registration.ts CHANNELS). */
export const CHANNEL_NAMES: Record<(typeof CHANNELS)[number], Label> = {
  phone: label('电话', 'phone'),
  email: label('电子邮件', 'email'),
  web: label('网站', 'website'),
  chat: label('在线客服', 'online chat'),
  messaging: label('即时通讯', 'messaging app'),
  dealer: label('经销商', 'dealer'),
  letter: label('信函', 'letter'),
  visit: label('来访', 'visit'),
};
