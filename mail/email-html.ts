/** The HTML part of an email: the template's lines as paragraphs, its links as real links (the answer link a button). */
import type { CustomerEvent } from '../domain/complaint/state';
import type { Language } from '../domain/registration';
import { substitute } from './fill-template';
import type { TemplateValues } from './template-shape';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The placeholders that are links: the question's answer link (a button) and the status page's. */
const LINK = /\{\{(answerLink|statusLink)\}\}/;

/** The words on the answer link's button, by the email that asks the question. */
export const ANSWER_BUTTONS: Partial<Record<CustomerEvent, Record<Language, string>>> = {
  invalid: { 'zh-CN': '提出异议', en: 'Disagree with our finding' },
  plan: { 'zh-CN': '确认方案或提出意见', en: 'Confirm or comment on the plan' },
  survey: { 'zh-CN': '评价本次处理', en: 'Rate how we handled it' },
  parts_consent_request: { 'zh-CN': '同意或拒绝更换', en: 'Consent or decline' },
  service_confirmation_request: { 'zh-CN': '签署服务确认单', en: 'Sign the service confirmation' },
};
export const ANSWER_BUTTON: Record<Language, string> = { 'zh-CN': '答复', en: 'Answer' };

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
export function htmlLine(line: string, values: TemplateValues, button: string): string {
  const link = LINK.exec(line);
  const url = link && values[link[1]!];
  if (!link || !url) return paragraph(substitute(line, values));
  const before = substitute(line.slice(0, link.index), values);
  const after = substitute(line.slice(link.index + link[0].length), values);
  return linkHtml(link[1]!, url, before, button) + paragraph(after);
}

/** The HTML part around its lines: one column of at most 600 px, long words wrapped, readable on a phone. */
export function htmlDocument(language: Language, subject: string, content: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f4f6f9">` +
    `<div style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1d2433;` +
    `font:16px/1.5 ${FONT};overflow-wrap:anywhere;word-break:break-word">${content}</div></body></html>`
  );
}
