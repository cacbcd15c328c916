/** Instants and calendar dates as the reader reads them, in the company's zone (emails, pages, reports). */
import { dateFormat } from '../domain/date-formats';
import type { Language } from '../domain/registration';
import type { TemplateValues } from './template-shape';

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
// en-GB: "30 Nov 2026, 17:00" (day first, 24-hour clock) reads unambiguously everywhere.
const DATE_FORMATS: Record<Language, [string, Intl.DateTimeFormatOptions['month']]> = {
  'zh-CN': ['zh-CN', 'long'],
  en: ['en-GB', 'short'],
};

/** An instant as the reader reads it, in `timeZone`: "2026年11月30日 17:00", "30 Nov 2026, 17:00". */
export function formatInstant(instant: Date, language: Language, timeZone: string): string {
  const [locale, month] = DATE_FORMATS[language];
  return dateFormat(locale, {
    timeZone,
    year: 'numeric',
    month,
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** The day of an instant as the reader reads it, in `timeZone`: "2026年11月30日", "30 Nov 2026". */
export function formatDate(instant: Date, language: Language, timeZone: string): string {
  const [locale, month] = DATE_FORMATS[language];
  return dateFormat(locale, { timeZone, year: 'numeric', month, day: 'numeric' }).format(instant);
}

/**
 * The values one reader sees: `key@language` replaces `key` in emails in that language (the severity, stage,
 * reasons as the profile and the shared labels name them); every instant becomes a date in `timeZone`, every
 * calendar date (`YYYY-MM-DD`) the day as the reader writes it.
 */
export function valuesFor(values: TemplateValues, language: Language, timeZone: string): TemplateValues {
  const own: TemplateValues = {};
  for (const [key, value] of Object.entries(values)) {
    const [base, lang] = key.split('@');
    if (lang === undefined) own[key] ??= value;
    else if (lang === language && value !== undefined) own[base!] = value;
  }
  for (const [key, value] of Object.entries(own)) {
    if (value && ISO_INSTANT.test(value)) own[key] = formatInstant(new Date(value), language, timeZone);
    // a calendar date (a purchase date, a plan's completion date) has no zone: its day as written
    else if (value && ISO_DATE.test(value)) own[key] = formatDate(new Date(`${value}T00:00:00Z`), language, 'UTC');
  }
  return own;
}
