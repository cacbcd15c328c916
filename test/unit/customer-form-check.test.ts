/**
 * What the customer's page says is wrong with a form (issue 25), before the workflow is asked: each field of
 * each question, in the page's language, never the workflow's technical words.
 */
import { formProblems, type Form } from '../../api/customer-form-check';
import { QUESTION_TEXT } from '../../api/customer-question-text';
import type { QuestionDetails } from '../../domain/complaint-contract';
import type { Language } from '../../domain/registration';

const base = { expiresAt: '2026-12-10T09:00:00.000Z', answers: [] } as const;
const question = (purpose: QuestionDetails['purpose'], more: Partial<QuestionDetails> = {}): QuestionDetails => ({
  ...base,
  answers: [],
  purpose,
  ...more,
});
const levels: QuestionDetails['scale'] = {
  kind: 'levels',
  levels: [
    { id: 'satisfied', label: { 'zh-CN': '满意', en: 'Satisfied' } },
    { id: 'unsatisfied', label: { 'zh-CN': '不满意', en: 'Not satisfied' } },
  ],
  satisfied: ['satisfied'],
};
const score: QuestionDetails['scale'] = { kind: 'score', min: 1, max: 10, followUpBelow: 8, aspects: true };
const qr2503 = {
  form: { 'zh-CN': '技术支持记录表 QR25-03', en: 'technical-support record QR25-03' },
  asksSatisfaction: true,
};

const long = 'x'.repeat(5_001);

/** [question, form, the fields found wrong] */
const CASES: Array<[string, QuestionDetails, Form, string[]]> = [
  ['objection without a reason', question('plan_decision'), { choice: 'object' }, ['reason']],
  ['confirmation without a comment', question('plan_decision'), { choice: 'confirm' }, []],
  ['plan without a button', question('plan_decision'), { comment: 'ok' }, ['choice']],
  ['a comment too long', question('plan_decision'), { choice: 'confirm', comment: long }, ['comment']],
  ['quote without a button', question('quote'), {}, ['choice']],
  ['quote with an unknown button', question('quote'), { choice: 'maybe' }, ['choice']],
  ['quote declined', question('quote'), { choice: 'decline' }, []],
  ['parts without a button', question('parts_consent'), { note: 'n' }, ['choice']],
  ['parts refused', question('parts_consent'), { choice: 'refuse' }, []],
  ['signature without a name', question('service_confirmation'), { choice: 'sign' }, ['signedBy']],
  ['signature too long', question('service_confirmation'), { signedBy: 'x'.repeat(201) }, ['signedBy']],
  ['signed', question('service_confirmation'), { signedBy: 'Zhang Wei', choice: 'sign' }, []],
  [
    'QR25-03 without satisfied or not',
    question('service_confirmation', { record: qr2503 }),
    { signedBy: 'Zhang Wei', choice: 'sign' },
    ['choice'],
  ],
  ['QR25-03 neither name nor button', question('service_confirmation', { record: qr2503 }), {}, ['signedBy', 'choice']],
  [
    'QR25-03 not satisfied',
    question('service_confirmation', { record: qr2503 }),
    { signedBy: '张伟', choice: 'unsatisfied' },
    [],
  ],
  ['survey without a level', question('survey', { scale: levels }), {}, ['level']],
  ['survey with an unknown level', question('survey', { scale: levels }), { level: 'ecstatic' }, ['level']],
  ['not satisfied without a reason', question('survey', { scale: levels }), { level: 'unsatisfied' }, ['reason']],
  ['satisfied', question('survey', { scale: levels }), { level: 'satisfied' }, []],
  ['survey without a score', question('survey', { scale: score }), {}, ['score']],
  ['a score out of the scale', question('survey', { scale: score }), { score: '11' }, ['score']],
  ['a score not a number', question('survey', { scale: score }), { score: 'ten' }, ['score']],
  ['a score not whole', question('survey', { scale: score }), { score: '8.5' }, ['score']],
  ['a low score without a reason', question('survey', { scale: score }), { score: '5' }, ['reason']],
  ['a low score with a reason', question('survey', { scale: score }), { score: '5', reason: 'late' }, []],
  ['a good score', question('survey', { scale: score }), { score: '9', comments: long }, ['comments']],
  ['objection to the finding without a reason', question('invalid_objection'), { choice: 'object' }, ['reason']],
  ['objection to the finding', question('invalid_objection'), { reason: 'it was sealed' }, []],
];

test.each(CASES)('%s', (_name, q, form, fields) => {
  for (const language of ['zh-CN', 'en'] as Language[]) {
    const problems = formProblems(q, form, QUESTION_TEXT[language]);
    expect(problems.map((p) => p.field)).toEqual(fields);
    for (const { message } of problems) {
      if (language === 'zh-CN') expect(message).not.toMatch(/[A-Za-z]{3,}/);
      else expect(message).not.toMatch(/[\u3000-\u9fff]/);
      expect(message).not.toMatch(/Invalid input|expected|undefined/);
    }
  }
});

test('the messages say what to do, in the page language', () => {
  const zh = (q: QuestionDetails, form: Form) => formProblems(q, form, QUESTION_TEXT['zh-CN'])[0]?.message;
  const en = (q: QuestionDetails, form: Form) => formProblems(q, form, QUESTION_TEXT.en)[0]?.message;
  expect(zh(question('plan_decision'), { choice: 'object' })).toBe('提出异议时，请写明理由。');
  expect(en(question('plan_decision'), { choice: 'object' })).toBe('Please tell us why you object.');
  expect(zh(question('survey', { scale: score }), {})).toBe('请选择 1 到 10 之间的一个评分。');
  expect(en(question('survey', { scale: score }), { score: '0' })).toBe('Please choose a score from 1 to 10.');
  expect(zh(question('service_confirmation', { record: qr2503 }), { signedBy: '张伟' })).toBe(
    '请点击“满意，签署”或“不满意，签署”签署。',
  );
});
