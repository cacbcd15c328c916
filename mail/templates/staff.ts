/** The emails staff receive, in both languages (data). */
import type { StaffEvent } from '../../domain/complaint/state';
import type { Language } from '../../domain/registration';
import type { Template } from '../template-shape';

export const STAFF: Record<StaffEvent, Record<Language, Template>> = {
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
