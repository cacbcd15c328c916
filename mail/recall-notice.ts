/**
 * The recall notice to a consignee (EU GPSR Art. 36, FDA 21 CFR 7.49 practice), in zh-CN and en: what the
 * product is, where and when it went, how many, the risk, stop using it and isolate the stock, the remedy,
 * how and by when to answer (even with no stock left) and to pass the notice on. A reminder repeats it all.
 * Pure: the same facts give the same email.
 */
import { formatDate, formatInstant } from './format-dates';
import type { RenderedEmail } from './template-shape';
import { escapeHtml } from '../reports/render-html';

export type RecallLanguage = 'zh-CN' | 'en';

export interface RecallNoticeFacts {
  recallNumber: string; // e.g. '202611-002'
  consigneeName: string;
  productModel: string | null;
  lots: string[]; // the lots THIS consignee received (may be empty when serials given)
  serials: string[];
  quantity: number; // units this consignee received
  shipTo: string; // where it was delivered/sold
  firstShippedAt: string; // ISO instant
  lastShippedAt: string; // ISO instant
  risk: string; // the hazard in plain words (staff wrote it)
  remedy: string; // what we offer: free repair, replacement, refund
  deadline: string; // ISO instant: answer by
  answer: { email: string; phone?: string }; // how to answer
}

/** A run of text, or a link (shown as its text; in HTML a link to `href`). */
type Inline = string | { text: string; href: string };

/** The notice's content, once: the text and the HTML part are both made from it. */
type Block =
  | { kind: 'heading'; text: string; sub: string }
  | { kind: 'reminder'; text: string }
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'facts'; rows: [string, string][] }
  | { kind: 'box'; label: string; text: string; tone: 'danger' | 'offer' }
  | { kind: 'steps'; title: string; items: Inline[][] };

/** Everything a notice says, in one language. */
interface Wording {
  heading: string;
  recallNo: (n: string) => string;
  reminderPrefix: (n: number) => string;
  reminder: (n: number) => string;
  lot: (count: number) => string;
  serial: (count: number) => string;
  subjectSeparator: string;
  listSeparator: string;
  greeting: (name: string) => string;
  intro: string;
  product: string;
  lots: string;
  serials: string;
  quantity: string;
  units: (n: number) => string;
  shipTo: string;
  shipped: string;
  range: (first: string, last: string) => string;
  risk: string;
  doNow: string;
  stop: string;
  isolate: string;
  forward: string;
  /** The answer step: what comes before the address and what after it (to the end of its sentence). */
  answer: (deadline: string, number: string) => [string, string];
  replyTo: string;
  orCall: string;
  noStock: string;
  remedy: string;
  thanks: string;
  mailSubject: (number: string) => string;
}

const WORDING: Record<RecallLanguage, Wording> = {
  en: {
    heading: 'Product safety recall',
    recallNo: (n) => `Recall number ${n}`,
    reminderPrefix: (n) => `Reminder ${n}: `,
    reminder: (n) =>
      `Reminder ${n} of the recall notice: we have not yet received your answer. The notice is repeated in full below.`,
    lot: (count) => (count === 1 ? 'lot' : 'lots'),
    serial: (count) => (count === 1 ? 'serial' : 'serials'),
    subjectSeparator: ', ',
    listSeparator: ', ',
    greeting: (name) => `Dear ${name},`,
    intro:
      'We are recalling the product below because it may be unsafe. Our records show that it was delivered to you.',
    product: 'Product model',
    lots: 'Lots',
    serials: 'Serial numbers',
    quantity: 'Quantity delivered to you',
    units: (n) => (n === 1 ? '1 unit' : `${n} units`),
    shipTo: 'Delivered to',
    shipped: 'Shipped',
    range: (first, last) => `${first} – ${last}`,
    risk: 'The risk',
    doNow: 'What you must do now',
    stop: 'Stop using, selling and distributing the product at once.',
    isolate:
      'Label and isolate the remaining stock, apart from other goods, so that nobody uses or ships it by mistake.',
    forward: 'If you passed the product on to anyone, forward this notice to them at once.',
    answer: (deadline, number) => [`Answer us by ${deadline}: `, `, quoting recall number ${number}. `],
    replyTo: 'reply to ',
    orCall: ' or call ',
    noStock:
      'Tell us how many units you still hold. Please answer even if you no longer hold any, so that we can record 0 for you.',
    remedy: 'What we offer',
    thanks: 'Thank you for your help.',
    mailSubject: (number) => `Recall ${number}`,
  },
  'zh-CN': {
    heading: '产品安全召回',
    recallNo: (n) => `召回编号 ${n}`,
    reminderPrefix: (n) => `第${n}次提醒：`,
    reminder: (n) => `召回通知第${n}次提醒：我们尚未收到您的答复。以下为通知全文。`,
    lot: () => '批号',
    serial: () => '序列号',
    subjectSeparator: '，',
    listSeparator: '、',
    greeting: (name) => `尊敬的${name}：`,
    intro: '我们正在召回以下产品，因为该产品可能存在安全风险。根据我们的记录，该产品曾交付给贵方。',
    product: '产品型号',
    lots: '批号',
    serials: '序列号',
    quantity: '交付给贵方的数量',
    units: (n) => `${n} 件`,
    shipTo: '交付/销售地点',
    shipped: '发货日期',
    range: (first, last) => `${first} 至 ${last}`,
    risk: '风险',
    doNow: '请立即采取以下措施',
    stop: '立即停止使用、销售和分发该产品。',
    isolate: '对剩余库存进行标识并隔离，与其他货物分开存放，防止误用或误发。',
    forward: '如贵方已将该产品转交他人，请立即将本通知转发给对方。',
    answer: (deadline, number) => [`请于 ${deadline} 之前答复：`, `，并注明召回编号 ${number}。`],
    replyTo: '回复邮件至 ',
    orCall: ' 或致电 ',
    noStock: '请告知贵方现有库存数量。即使贵方已无库存，也请答复，以便我们为贵方记录数量 0。',
    remedy: '我们提供的补救措施',
    thanks: '感谢您的配合。',
    mailSubject: (number) => `召回 ${number}`,
  },
};

function instant(value: string, what: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`recall notice: ${what} is not an instant: ${value}`);
  return date;
}

function required(value: string, what: string): string {
  if (value.trim() === '') throw new RangeError(`recall notice: ${what} is empty`);
  return value.trim();
}

/** The product as the subject names it: "P-200, lot B77", "P-200, lots B77 +2", "serial S1". */
function identification(w: Wording, model: string | null, lots: string[], serials: string[]): string {
  const [list, noun] = lots.length > 0 ? [lots, w.lot(lots.length)] : [serials, w.serial(serials.length)];
  const parts = model === null ? [] : [model];
  if (list.length > 0) parts.push(`${noun} ${list[0]}${list.length > 1 ? ` +${list.length - 1}` : ''}`);
  return parts.join(w.subjectSeparator);
}

function blocks(
  w: Wording,
  facts: RecallNoticeFacts,
  language: RecallLanguage,
  timeZone: string,
  reminder: number | undefined,
): Block[] {
  const number = facts.recallNumber;
  const first = formatDate(instant(facts.firstShippedAt, 'firstShippedAt'), language, timeZone);
  const last = formatDate(instant(facts.lastShippedAt, 'lastShippedAt'), language, timeZone);
  const deadline = formatInstant(instant(facts.deadline, 'deadline'), language, timeZone);
  const rows: [string, string][] = [];
  if (facts.productModel !== null) rows.push([w.product, facts.productModel]);
  if (facts.lots.length > 0) rows.push([w.lots, facts.lots.join(w.listSeparator)]);
  if (facts.serials.length > 0) rows.push([w.serials, facts.serials.join(w.listSeparator)]);
  rows.push(
    [w.quantity, w.units(facts.quantity)],
    [w.shipTo, facts.shipTo],
    [w.shipped, first === last ? first : w.range(first, last)],
  );
  const mail = `mailto:${facts.answer.email}?subject=${encodeURIComponent(w.mailSubject(number))}`;
  const [before, after] = w.answer(deadline, number);
  const answer: Inline[] = [before, w.replyTo, { text: facts.answer.email, href: mail }];
  const phone = facts.answer.phone;
  if (phone !== undefined) {
    const dial = phone.replace(/[^\d+]/g, '');
    answer.push(w.orCall, /\d/.test(dial) ? { text: phone, href: `tel:${dial}` } : phone);
  }
  answer.push(`${after}${w.noStock}`);
  return [
    { kind: 'heading', text: w.heading, sub: w.recallNo(number) },
    ...(reminder === undefined ? [] : [{ kind: 'reminder' as const, text: w.reminder(reminder) }]),
    { kind: 'paragraph', parts: [w.greeting(facts.consigneeName)] },
    { kind: 'paragraph', parts: [w.intro] },
    { kind: 'facts', rows },
    { kind: 'box', label: w.risk, text: facts.risk, tone: 'danger' },
    { kind: 'steps', title: w.doNow, items: [[w.stop], [w.isolate], [w.forward], answer] },
    { kind: 'box', label: w.remedy, text: facts.remedy, tone: 'offer' },
    { kind: 'paragraph', parts: [w.thanks] },
  ];
}

const plain = (parts: Inline[]): string => parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');

function toText(content: Block[], language: RecallLanguage): string {
  const colon = language === 'zh-CN' ? '：' : ': ';
  return `${content
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `${b.text}\n${b.sub}`;
        case 'reminder':
          return b.text;
        case 'paragraph':
          return plain(b.parts);
        case 'facts':
          return b.rows.map(([label, value]) => `${label}${colon}${value}`).join('\n');
        case 'box':
          return `${b.label}${colon}${b.text}`;
        case 'steps':
          return `${b.title}${colon.trimEnd()}\n${b.items.map((item, i) => `${i + 1}. ${plain(item)}`).join('\n')}`;
      }
    })
    .join('\n\n')}\n`;
}

const FONT = `font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',Arial,sans-serif`;
const BOX: Record<'danger' | 'offer', string> = {
  danger: 'border-left:4px solid #b00020;background:#fdecee',
  offer: 'border-left:4px solid #1b6e3a;background:#eaf5ee',
};

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((p) =>
      typeof p === 'string'
        ? escapeHtml(p)
        : `<a href="${escapeHtml(p.href)}" style="color:#0b57d0">${escapeHtml(p.text)}</a>`,
    )
    .join('');
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return (
        `<h1 style="margin:0 0 4px;font-size:22px;color:#b00020">${escapeHtml(b.text)}</h1>` +
        `<p style="margin:0 0 16px;font-size:15px;font-weight:bold">${escapeHtml(b.sub)}</p>`
      );
    case 'reminder':
      return `<p style="margin:0 0 16px;padding:10px 12px;background:#fff4d6;border:1px solid #e0b000"><strong>${escapeHtml(b.text)}</strong></p>`;
    case 'paragraph':
      return `<p style="margin:0 0 14px">${inlineHtml(b.parts)}</p>`;
    case 'facts':
      return (
        '<table role="presentation" style="width:100%;border-collapse:collapse;margin:0 0 16px">' +
        b.rows
          .map(
            ([label, value]) =>
              `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:6px 8px 6px 0;border-bottom:1px solid #ddd;font-weight:bold;width:40%">${escapeHtml(label)}</th>` +
              `<td style="padding:6px 0;border-bottom:1px solid #ddd;word-break:break-word">${escapeHtml(value)}</td></tr>`,
          )
          .join('') +
        '</table>'
      );
    case 'box':
      return (
        `<div style="${BOX[b.tone]};padding:10px 12px;margin:0 0 16px">` +
        `<p style="margin:0 0 4px;font-weight:bold">${escapeHtml(b.label)}</p>` +
        `<p style="margin:0;white-space:pre-line">${escapeHtml(b.text)}</p></div>`
      );
    case 'steps':
      return (
        `<p style="margin:0 0 6px;font-weight:bold">${escapeHtml(b.title)}</p>` +
        `<ol style="margin:0 0 16px;padding-left:22px">${b.items
          .map((item, i) => `<li style="margin:0 0 6px${i === 0 ? ';font-weight:bold' : ''}">${inlineHtml(item)}</li>`)
          .join('')}</ol>`
      );
  }
}

function toHtml(content: Block[], language: RecallLanguage, title: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f4f4f4">` +
    `<div style="max-width:600px;margin:0 auto;padding:16px;background:#fff;${FONT};font-size:16px;line-height:1.5;color:#1a1a1a">` +
    `${content.map(blockHtml).join('')}</div></body></html>`
  );
}

/** kind 'notice' is the first notice; 'reminder' the n-th reminder (n from 1) to a consignee who has not answered. */
export function renderRecallNotice(
  kind: 'notice' | 'reminder',
  language: RecallLanguage,
  facts: RecallNoticeFacts,
  timeZone: string,
  reminder?: number,
): RenderedEmail {
  if (kind === 'reminder' && (reminder === undefined || !Number.isInteger(reminder) || reminder < 1))
    throw new RangeError(`recall notice: a reminder needs its number (1, 2, …), got ${String(reminder)}`);
  if (!Number.isInteger(facts.quantity) || facts.quantity < 0)
    throw new RangeError(`recall notice: quantity must be a whole number, got ${facts.quantity}`);
  const cleaned: RecallNoticeFacts = {
    ...facts,
    recallNumber: required(facts.recallNumber, 'recallNumber'),
    consigneeName: required(facts.consigneeName, 'consigneeName'),
    productModel: facts.productModel?.trim() || null,
    lots: facts.lots.map((l) => l.trim()).filter((l) => l !== ''),
    serials: facts.serials.map((s) => s.trim()).filter((s) => s !== ''),
    shipTo: required(facts.shipTo, 'shipTo'),
    risk: required(facts.risk, 'risk'),
    remedy: required(facts.remedy, 'remedy'),
    answer: {
      email: required(facts.answer.email, 'answer.email'),
      ...(facts.answer.phone?.trim() ? { phone: facts.answer.phone.trim() } : {}),
    },
  };
  if (cleaned.productModel === null && cleaned.lots.length === 0 && cleaned.serials.length === 0)
    throw new RangeError('recall notice: the product is not identified (no model, lot or serial number)');

  const w = WORDING[language];
  const n = kind === 'reminder' ? reminder : undefined;
  const product = identification(w, cleaned.productModel, cleaned.lots, cleaned.serials);
  // one line whatever staff typed (a line break in a subject would end the header)
  const subject =
    `${n === undefined ? '' : w.reminderPrefix(n)}${w.heading} ${cleaned.recallNumber} — ${product}`.replace(
      /\s+/g,
      ' ',
    );
  const content = blocks(w, cleaned, language, timeZone, n);
  return { subject, text: toText(content, language), html: toHtml(content, language, subject) };
}
