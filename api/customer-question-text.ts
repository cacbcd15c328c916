/** The words of the customer's question pages, in the customer's language. */
import type { AnswerPurpose, AnswerRefusal } from '../domain/complaint-contract';
import type { Language } from '../domain/registration';

export interface QuestionText {
  titles: Record<AnswerPurpose, string>;
  refusals: Record<AnswerRefusal['code'], string>;
  number: string;
  answerBy: (date: string) => string;
  plan: string;
  remedy: string;
  quote: string;
  parts: string;
  cost: string;
  warranty: string;
  note: string;
  comment: string;
  confirm: string;
  objectReason: string;
  object: string;
  acceptQuote: string;
  declineQuote: string;
  consent: string;
  refuse: string;
  signName: string;
  signNote: string;
  sign: string;
  signSatisfied: string;
  signUnsatisfied: string;
  scale: string;
  lowReason: string;
  send: string;
  objectFinding: string;
  cannotAnswer: string;
  used: string;
  usedOn: (date: string) => string;
  thanks: string;
  recorded: string;
  received: string;
  stageNow: string;
  followStatus: string;
  /** What is wrong with a field of a form, said to the customer (never the workflow's own words). */
  problems: FormProblemText;
  /** The form came back: the line above it. */
  checkBelow: string;
  /** A form posted without its cookie (or with one of another page): reload, nothing is lost but the typing. */
  reload: { title: string; text: string; link: string };
}

/** The words of what can be wrong with a form. */
export interface FormProblemText {
  choose: string;
  reasonToObject: string;
  reasonForFinding: string;
  signName: string;
  nameTooLong: (max: number) => string;
  chooseSignature: (satisfied: string, unsatisfied: string) => string;
  chooseScore: (min: number, max: number) => string;
  chooseLevel: string;
  lowReason: string;
  tooLong: (max: number) => string;
  /** The workflow refused it for a reason the page did not foresee. */
  notTaken: string;
}

export const QUESTION_TEXT: Record<Language, QuestionText> = {
  'zh-CN': {
    titles: {
      plan_decision: '请确认处理方案',
      quote: '维修报价',
      parts_consent: '更换零件确认',
      service_confirmation: '服务确认单',
      survey: '满意度评价',
      invalid_objection: '对核实结果提出异议',
    },
    refusals: {
      answered: '此问题已经答复过，无需再次答复。',
      superseded: '我们已发出更新的邮件，此链接已失效。请使用最近一封邮件中的链接。',
      window_closed: '答复期限已过。如需帮助，请联系客服。',
      out_of_stage: '投诉已进入下一阶段，此问题无需再答复。',
      invalid: '无法接受此答复，请检查填写的内容。',
    },
    number: '投诉编号',
    answerBy: (date) => `请在 ${date} 之前答复。`,
    plan: '处理方案',
    remedy: '具体措施',
    quote: '报价',
    parts: '零件',
    cost: '费用',
    warranty: '保修',
    note: '说明',
    comment: '备注（可选）',
    confirm: '确认方案',
    objectReason: '如有异议，请写明理由',
    object: '提出异议',
    acceptQuote: '接受报价',
    declineQuote: '拒绝报价（设备原样退回）',
    consent: '同意更换',
    refuse: '不同意',
    signName: '请输入您的姓名作为签名',
    signNote: '签署即确认服务已完成。签署时间和网络地址将被记录。',
    sign: '签署',
    signSatisfied: '满意，签署',
    signUnsatisfied: '不满意，签署',
    scale: '您对本次处理的评价',
    lowReason: '如不满意，请告诉我们原因',
    send: '提交',
    objectFinding: '提出异议',
    cannotAnswer: '此链接无法再答复',
    used: '此链接已使用',
    usedOn: (date) => `您已于 ${date} 通过此链接答复。`,
    thanks: '谢谢您的答复',
    recorded: '您的答复已记录。',
    received: '我们已收到您的答复，正在处理。',
    stageNow: '投诉当前阶段',
    followStatus: '查看投诉进度',
    problems: {
      choose: '请点击下面的一个按钮提交您的答复。',
      reasonToObject: '提出异议时，请写明理由。',
      reasonForFinding: '请写明您对核实结果的异议理由。',
      signName: '请输入您的姓名作为签名。',
      nameTooLong: (max) => `姓名过长，最多 ${max} 个字。`,
      chooseSignature: (satisfied, unsatisfied) => `请点击“${satisfied}”或“${unsatisfied}”签署。`,
      chooseScore: (min, max) => `请选择 ${min} 到 ${max} 之间的一个评分。`,
      chooseLevel: '请选择您的评价。',
      lowReason: '您的评价为不满意，请告诉我们原因。',
      tooLong: (max) => `内容过长，最多 ${max} 个字。`,
      notTaken: '无法接受此答复，请检查填写的内容后重新提交。',
    },
    checkBelow: '请检查以下内容后重新提交：',
    reload: {
      title: '请重新加载此页面',
      text: '此页面已打开太久或在其他窗口中打开过，您的答复尚未提交。请重新加载页面后再次填写并提交，链接仍然有效。',
      link: '重新加载页面',
    },
  },
  en: {
    titles: {
      plan_decision: 'Please confirm our plan',
      quote: 'The repair quote',
      parts_consent: 'Your consent to replace parts',
      service_confirmation: 'Service confirmation',
      survey: 'How satisfied are you?',
      invalid_objection: 'Object to our finding',
    },
    refusals: {
      answered: 'This question has been answered already; nothing more is needed.',
      superseded: 'A newer email replaced the one this link came in. Please use the link in our latest email.',
      window_closed: 'The time to answer has passed. Please contact customer service if you need help.',
      out_of_stage: 'The complaint has moved on; this question no longer needs an answer.',
      invalid: 'This answer cannot be taken; please check what you filled in.',
    },
    number: 'Complaint number',
    answerBy: (date) => `Please answer by ${date}.`,
    plan: 'Our plan',
    remedy: 'What we will do',
    quote: 'Quote',
    parts: 'Parts',
    cost: 'Cost',
    warranty: 'Warranty',
    note: 'About',
    comment: 'Comment (optional)',
    confirm: 'Confirm the plan',
    objectReason: 'If you object, tell us why',
    object: 'Object to the plan',
    acceptQuote: 'Accept the quote',
    declineQuote: 'Decline (the unit is returned unrepaired)',
    consent: 'I consent',
    refuse: 'I do not consent',
    signName: 'Type your full name to sign',
    signNote: 'Signing confirms the service was done. The time and the network address are recorded.',
    sign: 'Sign',
    signSatisfied: 'Satisfied — sign',
    signUnsatisfied: 'Not satisfied — sign',
    scale: 'How satisfied are you with how we handled it?',
    lowReason: 'If you are not satisfied, tell us why',
    send: 'Send',
    objectFinding: 'Object',
    cannotAnswer: 'This link can no longer answer',
    used: 'This link has been used',
    usedOn: (date) => `You answered with this link on ${date}.`,
    thanks: 'Thank you for your answer',
    recorded: 'Your answer is recorded.',
    received: 'We have your answer; it is being processed.',
    stageNow: 'The complaint is now',
    followStatus: 'Follow your complaint',
    problems: {
      choose: 'Please send your answer with one of the buttons below.',
      reasonToObject: 'Please tell us why you object.',
      reasonForFinding: 'Please tell us why you disagree with our finding.',
      signName: 'Please type your name to sign.',
      nameTooLong: (max) => `The name is too long: at most ${max} characters.`,
      chooseSignature: (satisfied, unsatisfied) => `Please sign with “${satisfied}” or “${unsatisfied}”.`,
      chooseScore: (min, max) => `Please choose a score from ${min} to ${max}.`,
      chooseLevel: 'Please choose how satisfied you are.',
      lowReason: 'You are not satisfied: please tell us why.',
      tooLong: (max) => `This is too long: at most ${max} characters.`,
      notTaken: 'This answer cannot be taken; please check what you filled in and send it again.',
    },
    checkBelow: 'Please check the following and send it again:',
    reload: {
      title: 'Please reload this page',
      text: 'This page was open for a long time or in another window, so your answer was not sent. Please reload the page, fill it in and send it again; the link still works.',
      link: 'Reload the page',
    },
  },
};
