import type { CustomerEvent, StaffEvent } from '../domain/complaint/state';
import { dateFormat } from '../domain/date-formats';
import type { Language } from '../domain/registration';

/** A rendered email. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Values a template may use: `{{number}}`, `{{customer}}`, `{{product}}`, `{{due}}`, `{{note}}`, … */
export type TemplateValues = Record<string, string | undefined>;

interface Template {
  subject: string;
  body: string[];
}

const CUSTOMER: Record<CustomerEvent, Record<Language, Template>> = {
  acknowledgement: {
    'zh-CN': {
      subject: '您的投诉已受理（编号 {{number}}）',
      body: [
        '尊敬的{{customer}}：',
        '对于产品 {{product}} 给您带来的不便，我们深表歉意。我们于 {{received}} 收到您的投诉，已登记，编号为 {{number}}。',
        '我们将在 {{promise}} 之前与您联系。请在今后的沟通中引用此编号。||我们将尽快与您联系。请在今后的沟通中引用此编号。',
      ],
    },
    en: {
      subject: 'We have received your complaint (no. {{number}})',
      body: [
        'Dear {{customer}},',
        'We are sorry for the trouble with your {{product}}. We received your complaint on {{received}} and registered it as number {{number}}.',
        'We will contact you by {{promise}}. Please quote this number in any correspondence.||We will contact you shortly. Please quote this number in any correspondence.',
      ],
    },
  },
  owner_assigned: {
    'zh-CN': {
      subject: '投诉 {{number}} 已指派负责人',
      body: [
        '尊敬的{{customer}}：',
        '您的投诉（级别：{{severity}}）已由 {{owner}} 负责，将在 {{due}} 之前与您联系。||您的投诉（级别：{{severity}}）已由 {{owner}} 负责，将尽快与您联系。',
      ],
    },
    en: {
      subject: 'Complaint {{number}} has an owner',
      body: [
        'Dear {{customer}},',
        'Your complaint (severity: {{severity}}) is now handled by {{owner}}, who will contact you by {{due}}.||Your complaint (severity: {{severity}}) is now handled by {{owner}}, who will contact you shortly.',
      ],
    },
  },
  invalid: {
    'zh-CN': {
      subject: '关于投诉 {{number}} 的核实结果',
      body: [
        '尊敬的{{customer}}：',
        '经核实，该问题不属于我司产品质量问题：{{note}}',
        '如您有异议，请在 {{answerBy}} 之前通过此链接告知我们，否则投诉将关闭：{{answerLink}}||如您有异议，请在 {{due}} 之前告知我们，否则投诉将关闭。',
      ],
    },
    en: {
      subject: 'The result of our check of complaint {{number}}',
      body: [
        'Dear {{customer}},',
        'We checked the problem and found it is not caused by our product: {{note}}',
        'If you disagree, tell us by {{answerBy}} here, otherwise the complaint will be closed: {{answerLink}}||If you disagree, please tell us by {{due}}; otherwise the complaint will be closed.',
      ],
    },
  },
  plan: {
    'zh-CN': {
      subject: '投诉 {{number}} 的处理方案，请确认',
      body: [
        '尊敬的{{customer}}：',
        '我们的处理方案：{{plan}}',
        '具体措施：{{remedy}}',
        '完成时间：{{timing}}||',
        '费用：{{cost}}',
        '纠正与预防措施：{{capa}}||',
        '请在 {{answerBy}} 之前通过此链接确认方案或提出意见：{{answerLink}}||请回复确认或提出意见。',
      ],
    },
    en: {
      subject: 'Our plan for complaint {{number}} — please confirm',
      body: [
        'Dear {{customer}},',
        'Our plan: {{plan}}',
        'What we will do: {{remedy}}',
        'Done by: {{timing}}||',
        'Cost: {{cost}}',
        'Corrective and preventive action: {{capa}}||',
        'Please confirm it or tell us what you would change by {{answerBy}} here: {{answerLink}}||Please reply to confirm it or to tell us what you would change.',
      ],
    },
  },
  progress: {
    'zh-CN': { subject: '投诉 {{number}} 处理进展', body: ['尊敬的{{customer}}：', '处理进展：{{note}}'] },
    en: { subject: 'Progress on complaint {{number}}', body: ['Dear {{customer}},', 'Progress: {{note}}'] },
  },
  completed: {
    'zh-CN': {
      subject: '投诉 {{number}} 已处理完成',
      body: ['尊敬的{{customer}}：', '您的投诉已处理完成并经验证。感谢您的耐心。', '纠正与预防措施：{{capa}}||'],
    },
    en: {
      subject: 'Complaint {{number}} has been resolved',
      body: [
        'Dear {{customer}},',
        'The remedy has been carried out and verified. Thank you for your patience.',
        'Corrective and preventive action: {{capa}}||',
      ],
    },
  },
  survey: {
    'zh-CN': {
      subject: '请评价投诉 {{number}} 的处理',
      body: [
        '尊敬的{{customer}}：',
        '请您对本次处理进行评价（{{scale}}）：{{answerLink}}||我们将很快回访，请您对本次处理进行评价（{{scale}}）。',
      ],
    },
    en: {
      subject: 'How did we handle complaint {{number}}?',
      body: [
        'Dear {{customer}},',
        'How satisfied are you ({{scale}})? Answer here: {{answerLink}}||We will call you shortly to ask how satisfied you are ({{scale}}).',
      ],
    },
  },
  closed: {
    'zh-CN': {
      subject: '投诉 {{number}} 已关闭',
      body: ['尊敬的{{customer}}：', '您的投诉已关闭：{{note}}。记录将保存 {{retention}} 年。'],
    },
    en: {
      subject: 'Complaint {{number}} is closed',
      body: ['Dear {{customer}},', 'Your complaint is closed: {{note}}. Its record is kept for {{retention}} years.'],
    },
  },
  withdrawn: {
    'zh-CN': {
      subject: '您的投诉已撤回（编号 {{number}}）',
      body: ['尊敬的{{customer}}：', '根据您的要求，投诉 {{number}} 已撤回并关闭。'],
    },
    en: {
      subject: 'Your complaint has been withdrawn (no. {{number}})',
      body: ['Dear {{customer}},', 'As you asked, complaint {{number}} has been withdrawn and closed.'],
    },
  },
  force_majeure: {
    'zh-CN': {
      subject: '投诉 {{number}} 的处理因不可抗力暂停',
      body: [
        '尊敬的{{customer}}：',
        '由于不可抗力（{{note}}），投诉 {{number}} 的处理时限暂停，恢复后我们将立即通知您。',
      ],
    },
    en: {
      subject: 'Complaint {{number}}: deadlines paused by force majeure',
      body: [
        'Dear {{customer}},',
        'Because of force majeure ({{note}}), the deadlines of complaint {{number}} are paused. We will tell you as soon as work resumes.',
      ],
    },
  },
  reopened: {
    'zh-CN': {
      subject: '投诉 {{number}} 已转为新投诉 {{note}}',
      body: ['尊敬的{{customer}}：', '您对纠正措施不满意，我们已将其作为新投诉 {{note}} 重新处理。'],
    },
    en: {
      subject: 'Complaint {{number}} continues as new complaint {{note}}',
      body: [
        'Dear {{customer}},',
        'You were not satisfied with the corrective action, so we reopened it as new complaint {{note}}.',
      ],
    },
  },
  parts_consent_request: {
    'zh-CN': {
      subject: '投诉 {{number}}：更换零件需要您的同意',
      body: [
        '尊敬的{{customer}}：',
        '维修需要更换以下零件（名称、费用、保修）：{{note}}',
        '请在 {{answerBy}} 之前通过此链接同意或拒绝：{{answerLink}}||请回复同意或拒绝。',
      ],
    },
    en: {
      subject: 'Complaint {{number}}: your consent to replace parts',
      body: [
        'Dear {{customer}},',
        'The repair needs these parts (name, cost, warranty): {{note}}',
        'Please consent or decline by {{answerBy}} here: {{answerLink}}||Please reply to consent or decline.',
      ],
    },
  },
  service_confirmation_request: {
    'zh-CN': {
      subject: '投诉 {{number}}：请签署服务确认单',
      body: [
        '尊敬的{{customer}}：',
        '服务已完成：{{note}}',
        '请在 {{answerBy}} 之前通过此链接签署服务确认单：{{answerLink}}||请签署服务确认单。',
      ],
    },
    en: {
      subject: 'Complaint {{number}}: please sign the service confirmation',
      body: [
        'Dear {{customer}},',
        'The service is done: {{note}}',
        'Please sign the service confirmation by {{answerBy}} here: {{answerLink}}||Please sign the service confirmation.',
      ],
    },
  },
  corrective_action_report: {
    'zh-CN': {
      subject: '投诉 {{number}} 的纠正措施报告（{{car}}）',
      body: [
        '尊敬的{{customer}}：',
        '针对投诉 {{number}}（{{product}}）的纠正措施 {{car}} 已完成并结案。',
        '纠正措施报告（{{report}}）见本邮件附件。如有疑问，请引用投诉编号与我们联系。',
      ],
    },
    en: {
      subject: 'Corrective action report {{car}} for complaint {{number}}',
      body: [
        'Dear {{customer}},',
        'The {{form}} corrective action {{car}} for complaint {{number}} ({{product}}) is complete and closed.',
        'The report ({{report}}) is attached to this email as a PDF. Please quote the complaint number in any correspondence.',
      ],
    },
  },
  corrective_action_interim: {
    'zh-CN': {
      subject: '投诉 {{number}} 的纠正措施中期报告（{{car}}）',
      body: [
        '尊敬的{{customer}}：',
        '针对投诉 {{number}}（{{product}}），不良的真正原因已经找到。纠正措施 {{car}} 的中期报告（{{report}}）见本邮件附件。',
        '措施实施并验证有效后，我们将向您提供最终报告。',
      ],
    },
    en: {
      subject: 'Interim corrective action report {{car}} for complaint {{number}}',
      body: [
        'Dear {{customer}},',
        'The true cause of the defect in your {{product}} (complaint {{number}}) has been found. The interim {{form}} report ({{report}}) is attached to this email as a PDF.',
        'The final report follows once the actions are implemented and verified.',
      ],
    },
  },
  preliminary_report: {
    'zh-CN': {
      subject: '投诉 {{number}} 的初步调查报告及实验改善计划',
      body: [
        '尊敬的{{customer}}：',
        '关于投诉 {{number}}（{{product}}），不良的真正原因尚在验证中。我们的初步调查报告及实验改善计划见本邮件附件。',
        '我们将用实验方法和统计数据验证各种可能原因，找到真正原因后向您提供正式的书面纠正措施报告。',
      ],
    },
    en: {
      subject: 'Preliminary investigation report and test plan for complaint {{number}}',
      body: [
        'Dear {{customer}},',
        'The true cause of the defect in your {{product}} (complaint {{number}}) is still being verified. Our preliminary investigation report and test plan are attached to this email as a PDF.',
        'We will verify each possible cause by tests and statistics, and send you the formal written 8D report once the true cause is found.',
      ],
    },
  },
};

const STAFF: Record<StaffEvent, Record<Language, Template>> = {
  registered: {
    'zh-CN': {
      subject: '[新投诉] {{number}} {{customer}} — {{product}}',
      body: [
        '新投诉 {{number}}（{{profile}}）：{{description}}',
        '级别：{{severity}}',
        '当前阶段：{{stage}}',
        '投诉类别：{{listKind}}||',
        '客户地址：{{address}}||',
        '购买日期：{{purchased}}||',
        '影响程度：{{impact}}||',
        '不良率：{{defectRate}}%||',
        '已销售数量：{{quantitySold}}||',
        '客户期望解决时间：{{expectedBy}}||',
        '此前的相关投诉：{{repeats}}||',
      ],
    },
    en: {
      subject: '[New complaint] {{number}} {{customer}} — {{product}}',
      body: [
        'New complaint {{number}} ({{profile}}): {{description}}',
        'Severity: {{severity}}',
        'Stage: {{stage}}',
        'Kind: {{listKind}}||',
        'Address: {{address}}||',
        'Purchased: {{purchased}}||',
        'Impact: {{impact}}||',
        'Defect rate: {{defectRate}}%||',
        'Quantity already sold: {{quantitySold}}||',
        'The customer expects it resolved by {{expectedBy}}||',
        'Earlier complaints: {{repeats}}||',
      ],
    },
  },
  assignment: {
    'zh-CN': {
      subject: '[指派] 投诉 {{number}} 由您负责',
      body: [
        '投诉 {{number}}（{{severity}}，{{type}}）已指派给{{department}}的 {{owner}}，截止 {{due}}。||投诉 {{number}}（{{severity}}）已指派给 {{owner}}，截止 {{due}}。||投诉 {{number}}（{{severity}}）已指派给 {{owner}}。',
      ],
    },
    en: {
      subject: '[Assigned] Complaint {{number}} is yours',
      body: [
        'Complaint {{number}} ({{severity}}, {{type}}) is assigned to {{owner}} of {{department}}, due {{due}}.||Complaint {{number}} ({{severity}}) is assigned to {{owner}}, due {{due}}.||Complaint {{number}} ({{severity}}) is assigned to {{owner}}.',
      ],
    },
  },
  dispatch: {
    'zh-CN': {
      subject: '[派工] 投诉 {{number}}：请上门服务',
      body: ['投诉 {{number}}（{{severity}}）已派工给工程师 {{note}}，请于 {{due}} 前到达现场。'],
    },
    en: {
      subject: '[Dispatch] Complaint {{number}}: on-site service',
      body: ['Complaint {{number}} ({{severity}}) is dispatched to engineer {{note}}; arrive on site by {{due}}.'],
    },
  },
  engineer_visit: {
    'zh-CN': {
      subject: '[上门服务] 投诉 {{number}}：{{customer}}，{{product}}',
      body: [
        '{{engineer}}：您已被派往投诉 {{number}} 的现场服务。',
        '客户：{{customer}}，联系电话 {{phone}}||客户：{{customer}}',
        '地区：{{region}}',
        '产品：{{product}}，序列号 {{serial}}||产品：{{product}}',
        '故障描述：{{description}}',
        '上门时间：请于 {{due}} 前到达现场，出发前电话联系客户。||上门时间：请与客户电话约定。',
        '请携带：{{bring}}',
      ],
    },
    en: {
      subject: '[On-site visit] Complaint {{number}}: {{customer}}, {{product}}',
      body: [
        '{{engineer}}: you are dispatched to complaint {{number}} for on-site service.',
        'Customer: {{customer}}, phone {{phone}}||Customer: {{customer}}',
        'Region: {{region}}',
        'Product: {{product}}, serial number {{serial}}||Product: {{product}}',
        'Fault reported: {{description}}',
        'Visit: arrive on site by {{due}}; call the customer before you set out.||Visit: agree the time with the customer by phone.',
        'Please bring: {{bring}}',
      ],
    },
  },
  call_ahead: {
    'zh-CN': {
      subject: '[提醒] 投诉 {{number}}：请电话联系客户',
      body: ['工程师 {{note}}：请现在电话联系客户，确认上门地址及时间（须于 {{due}} 前到达）。'],
    },
    en: {
      subject: '[Reminder] Complaint {{number}}: call the customer',
      body: ['Engineer {{note}}: please call the customer now to confirm the address and time (arrive by {{due}}).'],
    },
  },
  diagnosis: {
    'zh-CN': {
      subject: '[调查结果] 投诉 {{number}} 的初步调查结果',
      body: ['投诉 {{number}}（级别：{{severity}}）的初步调查结果：{{note}}'],
    },
    en: {
      subject: '[Finding] Preliminary finding for complaint {{number}}',
      body: ['The preliminary finding for complaint {{number}} (level: {{severity}}): {{note}}'],
    },
  },
  plan_proposed: {
    'zh-CN': { subject: '[处理方案] 投诉 {{number}} 的处理方案', body: ['投诉 {{number}} 的处理方案：{{plan}}'] },
    en: { subject: '[Plan] The plan for complaint {{number}}', body: ['The plan for complaint {{number}}: {{plan}}'] },
  },
  plan_approved: {
    'zh-CN': {
      subject: '[方案已批准] 投诉 {{number}}',
      body: [
        '投诉 {{number}} 的处理方案已批准，请向客户说明措施、时间和费用承担：{{plan}}',
        '具体措施：{{remedy}}',
        '完成时间：{{timing}}||完成时间：方案未写，请与技术支持确认。',
        '费用：{{cost}}',
      ],
    },
    en: {
      subject: '[Plan approved] Complaint {{number}}',
      body: [
        'The plan for complaint {{number}} is approved; explain its measures, timing and who bears the cost to the customer: {{plan}}',
        'Measures: {{remedy}}',
        'Done by: {{timing}}||Done by: not in the plan; agree it with technical support.',
        'Cost: {{cost}}',
      ],
    },
  },
  approval_request: {
    'zh-CN': {
      subject: '[待审批] 投诉 {{number}} 的处理方案',
      body: [
        '请审批投诉 {{number}} 的处理方案：{{plan}}',
        '对客户的措施：{{remedy}}',
        '程序规定的措施：{{suggested}}||',
        '偏离程序规定的理由：{{deviation}}||',
      ],
    },
    en: {
      subject: '[Approval] Plan for complaint {{number}}',
      body: [
        'Please approve the plan for complaint {{number}}: {{plan}}',
        'Remedy for the customer: {{remedy}}',
        "The procedure's remedies: {{suggested}}||",
        'Why it departs from them: {{deviation}}||',
      ],
    },
  },
  escalation: {
    'zh-CN': {
      subject: '[升级] 投诉 {{number}} 客户未接受方案',
      body: [
        '客户未接受投诉 {{number}} 的方案（{{note}}），请协调或仲裁。||客户未接受投诉 {{number}} 的方案，请协调或仲裁。',
      ],
    },
    en: {
      subject: '[Escalated] Complaint {{number}}: the customer rejected the plan',
      body: [
        'The customer rejected the plan for complaint {{number}} ({{note}}); please coordinate or arbitrate.||The customer rejected the plan for complaint {{number}}; please coordinate or arbitrate.',
      ],
    },
  },
  sla_warning: {
    'zh-CN': {
      subject: '[预警] 投诉 {{number}}：{{note}} 即将到期',
      body: ['投诉 {{number}} 的时限“{{note}}”将于 {{due}} 到期，请及时处理。'],
    },
    en: {
      subject: '[Warning] Complaint {{number}}: {{note}} due soon',
      body: ['The deadline "{{note}}" of complaint {{number}} falls due at {{due}}. Please act.'],
    },
  },
  escalation_level: {
    'zh-CN': {
      subject: '[升级] 投诉 {{number}} 已超时',
      body: [
        '投诉 {{number}} 已升级（第 {{level}} 级，共 {{levels}} 级）：{{note}}（截止 {{due}}）。请立即处理。||投诉 {{number}} 已升级（第 {{level}} 级，共 {{levels}} 级）：{{note}}。请立即处理。||投诉 {{number}} 已升级：{{note}}。请立即处理。',
      ],
    },
    en: {
      subject: '[Escalation] Complaint {{number}} is overdue',
      body: [
        'Complaint {{number}} has been escalated (level {{level}} of {{levels}}): {{note}} (due {{due}}). Please act now.||Complaint {{number}} has been escalated (level {{level}} of {{levels}}): {{note}}. Please act now.||Complaint {{number}} has been escalated: {{note}}. Please act now.',
      ],
    },
  },
  needs_attention: {
    'zh-CN': {
      subject: '[需处理] 投诉 {{number}} 有一项操作无法完成',
      body: ['投诉 {{number}} 的一项记录或邮件无法完成，重试也无济于事：{{note}}。请检查该投诉。'],
    },
    en: {
      subject: '[Needs attention] Complaint {{number}}: a step could not be carried out',
      body: [
        'A record or email of complaint {{number}} cannot be carried out, and retrying will not help: {{note}}. Please look at the complaint.',
      ],
    },
  },
  corrective_action: {
    'zh-CN': {
      subject: '[纠正措施] {{note}}',
      body: ['{{note}}', '投诉：{{complaint}}（{{customer}}，{{product}}）||产品：{{product}}'],
    },
    en: {
      subject: '[Corrective action] {{note}}',
      body: ['{{note}}', 'Complaint: {{complaint}} ({{customer}}, {{product}})||Product: {{product}}'],
    },
  },
  recall: {
    'zh-CN': {
      subject: '[召回 {{recall}}] {{note}}',
      body: ['{{note}}', '{{details}}||', '召回产品：{{items}}；回复截止：{{deadline}}', '投诉：{{complaint}}||'],
    },
    en: {
      subject: '[Recall {{recall}}] {{note}}',
      body: [
        '{{note}}',
        '{{details}}||',
        'Recalled: {{items}}; answers due by {{deadline}}',
        'Complaint: {{complaint}}||',
      ],
    },
  },
  emergency: {
    'zh-CN': {
      subject: '[应急] 投诉 {{number}} 启动应急响应',
      body: ['投诉 {{number}}（级别：{{severity}}）启动应急响应。临时方案须在 {{due}} 之前制定。'],
    },
    en: {
      subject: '[Emergency] Complaint {{number}}: emergency response',
      body: [
        'Complaint {{number}} (severity: {{severity}}) needs an emergency response. A temporary plan is due by {{due}}.',
      ],
    },
  },
  customer_reply: {
    'zh-CN': {
      subject: '客户回复了投诉 {{number}}：{{note}}',
      body: [
        '客户（{{from}}）就投诉 {{number}}（{{customer}}，{{product}}）回复了邮件：{{note}}||客户就投诉 {{number}} 回复了邮件：{{note}}',
        '{{excerpt}}||',
        '附件 {{attachments}} 个。||',
        '回复全文及附件已存入投诉记录。邮件内容不会改变投诉的处理：客户的确认、异议或评价，请核实后通过相应操作录入。',
      ],
    },
    en: {
      subject: 'Customer replied to complaint {{number}}: {{note}}',
      body: [
        'The customer ({{from}}) replied to complaint {{number}} ({{customer}}, {{product}}): {{note}}||The customer replied to complaint {{number}}: {{note}}',
        '{{excerpt}}||',
        'Attachments: {{attachments}}.||',
        "The reply and its attachments are on the complaint's record. A reply changes nothing by itself: check any confirmation, objection or rating it states and record it with the matching action.",
      ],
    },
  },
  customer_answered: {
    'zh-CN': {
      subject: '[客户答复] 投诉 {{number}}：客户已通过链接答复',
      body: ['客户通过链接答复了投诉 {{number}}：{{note}}', '当前阶段：{{stage}}'],
    },
    en: {
      subject: '[Customer answer] Complaint {{number}}: the customer answered by link',
      body: ['The customer answered complaint {{number}} by link: {{note}}', 'Stage: {{stage}}'],
    },
  },
  survey_result: {
    'zh-CN': {
      subject: '[回访结果] 投诉 {{number}}',
      body: ['投诉 {{number}} 的回访结果：{{note}}'],
    },
    en: {
      subject: '[Callback result] Complaint {{number}}',
      body: ['The callback result of complaint {{number}}: {{note}}'],
    },
  },
  nonconforming_lot: {
    'zh-CN': {
      subject: '[不合格品] 投诉 {{number}}：批次 {{batch}} 请标识并隔离',
      body: [
        '投诉 {{number}}（{{product}}，批次 {{batch}}）经诊断为我司品质问题：{{note}}',
        '请按不合格品控制程序对该批次的在制品、库存品和来料进行标识及隔离。',
      ],
    },
    en: {
      subject: '[Nonconforming] Complaint {{number}}: label and isolate lot {{batch}}',
      body: [
        'Complaint {{number}} ({{product}}, lot {{batch}}) is diagnosed as our own quality problem: {{note}}',
        'Label and isolate the lot in work in progress, stock and incoming goods under the nonconforming-product procedure.',
      ],
    },
  },
  low_satisfaction: {
    'zh-CN': {
      subject: '[跟进] 投诉 {{number}} 客户不满意',
      body: ['客户对投诉 {{number}} 的处理不满意：{{note}}。请跟进。'],
    },
    en: {
      subject: '[Follow-up] Complaint {{number}}: customer not satisfied',
      body: ['The customer is not satisfied with complaint {{number}}: {{note}}. Please follow up.'],
    },
  },
  quality_meeting: {
    'zh-CN': {
      subject: '[质量改进计划会议] {{month}} 月度分析：{{count}} 项重复/批量不良',
      body: [
        '{{month}} 月度质量分析发现以下重复投诉或批量不良，请相关部门参加质量改进计划会议：',
        '{{items}}',
        '会议由品质部召集。',
      ],
    },
    en: {
      subject: '[Quality improvement plan meeting] {{month}} monthly analysis: {{count}} repeats or batch defects',
      body: [
        'The monthly quality analysis of {{month}} found these repeat complaints or batch defects; the departments concerned are asked to a quality improvement plan meeting (004 §5.7 b):',
        '{{items}}',
        'The quality department convenes the meeting.',
      ],
    },
  },
  monthly_report: {
    'zh-CN': {
      subject: '[月度质量报告] {{month}}',
      body: [
        '{{month}} 月度质量报告见附件。',
        '投诉 {{complaints}} 件；百万分率不良 {{ppm}}；时限准时率 {{onTime}}。',
        '前三位不良原因：{{top3}}；已发起纠正措施：{{cars}}。',
        '需召开质量改进计划会议的重复/批量不良：{{meetings}} 项。',
      ],
    },
    en: {
      subject: '[Monthly quality report] {{month}}',
      body: [
        'The monthly quality report of {{month}} is attached (PDF).',
        'Complaints: {{complaints}}; PPM: {{ppm}}; SLA on time: {{onTime}}.',
        'Top three defect causes: {{top3}}; corrective actions requested: {{cars}}.',
        'Repeats and batch defects calling a quality improvement plan meeting: {{meetings}}.',
      ],
    },
  },
};

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
// en-GB: "30 Nov 2026, 17:00" (day first, 24-hour clock) reads unambiguously everywhere.
const DATE_FORMATS: Record<Language, [string, Intl.DateTimeFormatOptions['month']]> = {
  'zh-CN': ['zh-CN', 'long'],
  en: ['en-GB', 'short'],
};

/** An instant as the reader reads it, in `timeZone`: "2026年11月30日 17:00", "30 Nov 2026, 17:00". */
export function formatInstant(instant: Date, language: Language, timeZone: string): string {
  const [locale, month] = DATE_FORMATS[language];
  return dateFormat(locale, {
    timeZone,
    year: 'numeric',
    month,
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** The day of an instant as the reader reads it, in `timeZone`: "2026年11月30日", "30 Nov 2026". */
export function formatDate(instant: Date, language: Language, timeZone: string): string {
  const [locale, month] = DATE_FORMATS[language];
  return dateFormat(locale, { timeZone, year: 'numeric', month, day: 'numeric' }).format(instant);
}

/**
 * The values one reader sees: `key@language` replaces `key` in emails in that language (the severity, stage,
 * reasons as the profile and the shared labels name them); every instant becomes a date in `timeZone`, every
 * calendar date (`YYYY-MM-DD`) the day as the reader writes it.
 */
export function valuesFor(values: TemplateValues, language: Language, timeZone: string): TemplateValues {
  const own: TemplateValues = {};
  for (const [key, value] of Object.entries(values)) {
    const [base, lang] = key.split('@');
    if (lang === undefined) own[key] ??= value;
    else if (lang === language && value !== undefined) own[base!] = value;
  }
  for (const [key, value] of Object.entries(own)) {
    if (value && ISO_INSTANT.test(value)) own[key] = formatInstant(new Date(value), language, timeZone);
    // a calendar date (a purchase date, a plan's completion date) has no zone: its day as written
    else if (value && ISO_DATE.test(value)) own[key] = formatDate(new Date(`${value}T00:00:00Z`), language, 'UTC');
  }
  return own;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The line a template line stands for: a line may offer alternatives (`a||b`), the first whose every
 * placeholder has a value is used (an acknowledgement promises a date only where the procedure sets one).
 */
function chosen(template: string, values: TemplateValues): string {
  const alternatives = template.split('||');
  const complete = alternatives.find((line) =>
    [...line.matchAll(/\{\{(\w+)\}\}/g)].every(([, key]) => values[key!] !== undefined),
  );
  return complete ?? alternatives[0]!;
}

/** A line with its placeholders filled. */
function substitute(line: string, values: TemplateValues): string {
  return line.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '—');
}

function fill(template: string, values: TemplateValues): string {
  return substitute(chosen(template, values), values);
}

/** The placeholders that are links: the question's answer link (a button) and the status page's. */
const LINK = /\{\{(answerLink|statusLink)\}\}/;

/** The words on the answer link's button, by the email that asks the question. */
const ANSWER_BUTTONS: Partial<Record<CustomerEvent, Record<Language, string>>> = {
  invalid: { 'zh-CN': '提出异议', en: 'Disagree with our finding' },
  plan: { 'zh-CN': '确认方案或提出意见', en: 'Confirm or comment on the plan' },
  survey: { 'zh-CN': '评价本次处理', en: 'Rate how we handled it' },
  parts_consent_request: { 'zh-CN': '同意或拒绝更换', en: 'Consent or decline' },
  service_confirmation_request: { 'zh-CN': '签署服务确认单', en: 'Sign the service confirmation' },
};
const ANSWER_BUTTON: Record<Language, string> = { 'zh-CN': '答复', en: 'Answer' };

const FONT = `system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif`;
const BUTTON_STYLE =
  'display:inline-block;padding:12px 20px;border-radius:6px;background:#1d5fd1;color:#ffffff;' +
  'font-weight:600;text-decoration:none';

const paragraph = (text: string) => (text.trim() ? `<p style="margin:0 0 16px">${escapeHtml(text)}</p>` : '');

/** A link in the HTML part: the answer link as a button, the status link on its line's words (no long URL). */
function linkHtml(key: string, url: string, before: string, button: string): string {
  const href = escapeHtml(url);
  if (key === 'statusLink') {
    const words = escapeHtml(before.replace(/[\s:：]+$/, ''));
    return `<p style="margin:24px 0 0;padding-top:16px;border-top:1px solid #e3e7ee"><a href="${href}" style="color:#1d5fd1">${words}</a></p>`;
  }
  return `${paragraph(before)}<p style="margin:0 0 16px"><a href="${href}" style="${BUTTON_STYLE}">${escapeHtml(button)}</a></p>`;
}

/** One line of the HTML part: its text, its link (if it carries one) as a real link. */
function htmlLine(line: string, values: TemplateValues, button: string): string {
  const link = LINK.exec(line);
  const url = link && values[link[1]!];
  if (!link || !url) return paragraph(substitute(line, values));
  const before = substitute(line.slice(0, link.index), values);
  const after = substitute(line.slice(link.index + link[0].length), values);
  return linkHtml(link[1]!, url, before, button) + paragraph(after);
}

/** The HTML part around its lines: one column of at most 600 px, long words wrapped, readable on a phone. */
function htmlDocument(language: Language, subject: string, content: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f4f6f9">` +
    `<div style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1d2433;` +
    `font:16px/1.5 ${FONT};overflow-wrap:anywhere;word-break:break-word">${content}</div></body></html>`
  );
}

/**
 * Renders an email: a plain-text part, and an HTML part (multipart/alternative once sent) with the same lines
 * whose links are real links. `button` is the answer link's button.
 */
function render(
  template: Template,
  language: Language,
  values: TemplateValues,
  button = ANSWER_BUTTON[language],
): RenderedEmail {
  // a line whose chosen alternative is empty (`text {{x}}||`) is left out
  const lines = template.body.map((line) => chosen(line, values)).filter((line) => substitute(line, values) !== '');
  const subject = fill(template.subject, values);
  return {
    subject,
    text: `${lines.map((line) => substitute(line, values)).join('\n\n')}\n`,
    html: htmlDocument(language, subject, lines.map((line) => htmlLine(line, values, button)).join('')),
  };
}

/** Every event customers and staff are written to (a template for each in each language). */
export const CUSTOMER_EVENTS = Object.keys(CUSTOMER) as CustomerEvent[];
export const STAFF_EVENTS = Object.keys(STAFF) as StaffEvent[];

/**
 * The last line of every customer email: the signed link to the read-only status page (`statusLink`, made by
 * the email activity); left out when there is none (`||`).
 */
export const STATUS_LINK_LINE: Record<Language, string> = {
  'zh-CN': '查看投诉进度：{{statusLink}}||',
  en: 'Follow your complaint: {{statusLink}}||',
};

/** Renders a customer email in the customer's language, as plain text and HTML. */
export function renderCustomerEmail(event: CustomerEvent, language: Language, values: TemplateValues): RenderedEmail {
  const template = CUSTOMER[event][language];
  const button = ANSWER_BUTTONS[event]?.[language] ?? ANSWER_BUTTON[language];
  return render({ ...template, body: [...template.body, STATUS_LINK_LINE[language]] }, language, values, button);
}

/** Renders a staff email in the recipient's language. */
export function renderStaffEmail(event: StaffEvent, language: Language, values: TemplateValues): RenderedEmail {
  return render(STAFF[event][language], language, values);
}
