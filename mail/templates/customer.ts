/** The emails a customer receives, in both languages (data). */
import type { CustomerEvent } from '../../domain/complaint/state';
import type { Language } from '../../domain/registration';
import type { Template } from '../template-shape';

export const CUSTOMER: Record<CustomerEvent, Record<Language, Template>> = {
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
