import type { Language } from '../domain/registration';

/** Events on which the customer is written to. */
export type CustomerEmailEvent = 'acknowledgement' | 'withdrawn';

/** What a template needs to know of the complaint. */
export interface EmailContext {
  number: string;
  customerName: string;
  productModel: string;
  registeredAt: Date;
  timeZone: string;
  note?: string;
}

/** A rendered email. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formatInstant(instant: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}

type Template = (ctx: EmailContext, when: string) => { subject: string; paragraphs: string[] };

const TEMPLATES: Record<CustomerEmailEvent, Record<Language, Template>> = {
  acknowledgement: {
    'zh-CN': (ctx, when) => ({
      subject: `您的投诉已受理（编号 ${ctx.number}）`,
      paragraphs: [
        `尊敬的${ctx.customerName}：`,
        `对于产品 ${ctx.productModel} 给您带来的不便，我们深表歉意。您的投诉已于 ${when} 登记，编号为 ${ctx.number}。`,
        '我们的工作人员将尽快与您联系。请在今后的沟通中引用此编号。',
      ],
    }),
    en: (ctx, when) => ({
      subject: `We have received your complaint (no. ${ctx.number})`,
      paragraphs: [
        `Dear ${ctx.customerName},`,
        `We are sorry for the trouble with your ${ctx.productModel}. Your complaint was registered on ${when} as number ${ctx.number}.`,
        'A member of our team will contact you shortly. Please quote this number in any correspondence.',
      ],
    }),
  },
  withdrawn: {
    'zh-CN': (ctx) => ({
      subject: `您的投诉已撤回（编号 ${ctx.number}）`,
      paragraphs: [`尊敬的${ctx.customerName}：`, `根据您的要求，投诉 ${ctx.number} 已撤回并关闭。`],
    }),
    en: (ctx) => ({
      subject: `Your complaint has been withdrawn (no. ${ctx.number})`,
      paragraphs: [`Dear ${ctx.customerName},`, `As you asked, complaint ${ctx.number} has been withdrawn and closed.`],
    }),
  },
};

/** Renders a customer email in the customer's language, as plain text and HTML. */
export function renderCustomerEmail(event: CustomerEmailEvent, language: Language, ctx: EmailContext): RenderedEmail {
  const when = formatInstant(ctx.registeredAt, ctx.timeZone, language);
  const { subject, paragraphs } = TEMPLATES[event][language](ctx, when);
  return {
    subject,
    text: `${paragraphs.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${language}"><body>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</body></html>`,
  };
}
