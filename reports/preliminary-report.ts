/**
 * 004 §5.6 b): the written preliminary investigation report and test plan the customer receives, in their
 * language, laid out by the 8D report's PDF renderer (the same font, header and page foot).
 */
import type { Language } from '../domain/registration';
import type { EightDReport } from './eight-d-report';

/** The preliminary report as the complaint's form records it. */
export interface PreliminaryReportForm {
  findings: string;
  possibleCauses?: string[];
  testPlan: Array<{ test: string; method: string; samples?: number; due: string }>;
}

const T = {
  title: { 'zh-CN': '初步调查报告及实验改善计划', en: 'Preliminary investigation report and test plan' },
  complaint: { 'zh-CN': '投诉编号', en: 'Complaint' },
  customer: { 'zh-CN': '客户', en: 'Customer' },
  product: { 'zh-CN': '产品', en: 'Product' },
  date: { 'zh-CN': '日期', en: 'Date' },
  findings: { 'zh-CN': '初步调查结果', en: 'Preliminary findings' },
  causes: { 'zh-CN': '可能原因', en: 'Possible causes' },
  plan: { 'zh-CN': '实验改善计划', en: 'Test plan' },
  test: { 'zh-CN': '实验', en: 'Test' },
  method: { 'zh-CN': '方法', en: 'Method' },
  samples: { 'zh-CN': '样本数', en: 'Samples' },
  due: { 'zh-CN': '完成日期', en: 'Due' },
  next: {
    'zh-CN': '找到真正原因后，我们将提供正式的书面 8D 报告（纠正措施报告）。',
    en: 'The formal written 8D report follows once the true cause is found.',
  },
  footer: { 'zh-CN': '初步报告（非正式 8D 报告）', en: 'Preliminary report (not the formal 8D report)' },
} as const;

/** The report in the reader's language. */
export function preliminaryReport(
  form: PreliminaryReportForm,
  complaint: { number: string; customer: string; product: string },
  language: Language,
  date: string,
): EightDReport {
  const t = (key: keyof typeof T) => T[key][language];
  return {
    language,
    title: t('title'),
    carNumber: complaint.number,
    complaintNumber: complaint.number,
    round: 1,
    header: [
      { label: t('complaint'), value: complaint.number },
      { label: t('customer'), value: complaint.customer },
      { label: t('product'), value: complaint.product },
      { label: t('date'), value: date },
    ],
    sections: [
      {
        id: 'preliminary',
        heading: t('findings'),
        blocks: [
          { kind: 'list', items: [form.findings] },
          ...(form.possibleCauses?.length
            ? [{ kind: 'list' as const, caption: t('causes'), items: form.possibleCauses }]
            : []),
        ],
      },
      {
        id: 'verification',
        heading: t('plan'),
        blocks: [
          {
            kind: 'table',
            columns: [
              { label: t('test'), weight: 3 },
              { label: t('method'), weight: 4 },
              { label: t('samples'), weight: 1 },
              { label: t('due'), weight: 2 },
            ],
            rows: form.testPlan.map((r) => [r.test, r.method, r.samples ? String(r.samples) : '—', r.due]),
          },
          { kind: 'list', items: [t('next')] },
        ],
      },
    ],
    footer: t('footer'),
  };
}
