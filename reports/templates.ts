/**
 * Customer-prescribed 8D report templates (004 §5.2 f): a customer may prescribe the report's title, the
 * heading of each section, the order of the sections, extra header fields (its supplier code for us) and the
 * language. Read from the JSON file REPORT_TEMPLATES_FILE at start and validated; applied to the reports of
 * the complaints of that customer (its name as registered, case and surrounding spaces ignored).
 */
import fs from 'node:fs';
import { z } from 'zod';
import { DISCIPLINES } from '../domain/corrective-action/action-names';
import { LANGUAGES } from '../domain/registration';

/** The sections of a report: one per discipline, the preliminary report, effectiveness verification, history. */
export const REPORT_SECTIONS = [...DISCIPLINES, 'preliminary', 'verification', 'history'] as const;
/** One section of a report. */
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** One customer's template; every field optional (what it does not say follows the standard layout). */
export const reportTemplateSchema = z
  .object({
    /** Replaces "8D report QR25-04". */
    title: text(200).optional(),
    /** The report's language, whatever the customer's language for email. */
    language: z.enum(LANGUAGES).optional(),
    /** Heading of a section instead of the standard one ("D4 root cause"). */
    headings: z.partialRecord(z.enum(REPORT_SECTIONS), text(200)).default({}),
    /** Sections in this order first; the sections it does not name follow in the standard order. */
    order: z
      .array(z.enum(REPORT_SECTIONS))
      .max(REPORT_SECTIONS.length)
      .refine((ids) => new Set(ids).size === ids.length, 'each section once')
      .default([]),
    /** Extra fields at the end of the report's header (the supplier code the customer gave us). */
    headerFields: z
      .array(z.object({ label: text(100), value: text(500) }).strict())
      .max(20)
      .default([]),
  })
  .strict();

/** A customer's template. */
export type ReportTemplate = z.infer<typeof reportTemplateSchema>;

/** The templates file: customer name → template. */
export const reportTemplatesSchema = z.record(text(200), reportTemplateSchema).superRefine((templates, ctx) => {
  const seen = new Set<string>();
  for (const name of Object.keys(templates)) {
    if (seen.has(customerKey(name)))
      ctx.addIssue({ code: 'custom', path: [name], message: 'a customer named twice (names match ignoring case)' });
    seen.add(customerKey(name));
  }
});

/** Templates by customer name. */
export type ReportTemplates = z.infer<typeof reportTemplatesSchema>;

/** What the report activity needs besides the database: the PDF font and the customers' templates. */
export interface ReportSettings {
  fontFile: string;
  templates: ReportTemplates;
}

function customerKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Reads and validates the templates file; none when no file is named. Throws naming every bad field. */
export function loadReportTemplates(file?: string): ReportTemplates {
  if (!file) return {};
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`invalid report templates ${file}: ${(error as Error).message}`);
  }
  const parsed = reportTemplatesSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `invalid report templates ${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/** The template of a customer (its name matched ignoring case and surrounding spaces), if it has one. */
export function templateFor(
  templates: ReportTemplates,
  customer: string,
): { customer: string; template: ReportTemplate } | undefined {
  const key = customerKey(customer);
  const found = Object.entries(templates).find(([name]) => customerKey(name) === key);
  return found && { customer: found[0], template: found[1] };
}
