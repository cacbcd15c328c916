/**
 * The fixed text of the monthly and performance reports (issue 25), in each language: headings, columns, row
 * names and the rules under the figures. The names of codes and the dates are report-words.ts. Pure.
 */
import type { Language } from '../registration';
import { EN } from './report-text-en';
import { ZH } from './report-text-zh';
import type { ReportText } from './report-text-shape';

export type { ReportText } from './report-text-shape';

/** The reports' fixed text in each language. */
export const REPORT_TEXT: Record<Language, ReportText> = { 'zh-CN': ZH, en: EN };
