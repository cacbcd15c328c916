/** What an email template is and what it is filled with (mail/templates/ hold them, mail/email-templates.ts renders). */

/** A rendered email. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Values a template may use: `{{number}}`, `{{customer}}`, `{{product}}`, `{{due}}`, `{{note}}`, … */
export type TemplateValues = Record<string, string | undefined>;

/** A subject and the body's lines; `{{key}}` is filled in, `a {{x}}||b` takes `b` when `x` is empty. */
export interface Template {
  subject: string;
  body: string[];
}
