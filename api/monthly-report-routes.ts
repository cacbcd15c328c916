import { Router } from 'express';
import { z } from 'zod';
import { createMonthlyReportActivities, type MonthlyFiguresDeps } from '../reports/monthly-figures';
import { renderMonthlyReportCsv } from '../reports/monthly-report-csv';
import { renderMonthlyReportHtml } from '../reports/monthly-report-html';
import { renderMonthlyReportPdf } from '../reports/monthly-report-pdf';
import { DEFAULT_REPORT_FONT_FILE } from '../reports/render-pdf';
import { MONTH_PATTERN } from '../domain/months';
import { BUILT_IN_PROFILES } from '../domain/profiles';
import { LANGUAGES } from '../domain/registration';
import { namingOrder, reportLanguage, reportNames, type NamingProfile } from '../domain/monthly-report/report-words';
import type { Role } from '../domain/roles';
import type { ProfileRegistry } from '../infra/profile-registry';
import { actorOf, requireRole } from './auth';
import { HttpError } from './errors';

/** Who reads the report: management, and sales, who summarise the complaint data and its trends (002 §5.3). */
export const MONTHLY_REPORT_READERS: Role[] = ['quality_manager', 'department_head', 'general_manager', 'sales'];
/** Who enters the month's shipped quantity (besides admin). */
export const SHIPPED_QUANTITY_EDITORS: Role[] = ['quality_manager', 'general_manager'];

/** The report's formats by media type, in the order a client without preference gets them. */
export const MONTHLY_REPORT_TYPES = ['application/json', 'text/html', 'application/pdf', 'text/csv'] as const;

/** A month YYYYMM from 1970 on (the report looks a year back from it). */
export const monthParamsSchema = z
  .object({
    month: z
      .string()
      .regex(MONTH_PATTERN, 'YYYYMM')
      .refine((m) => m >= '197101', 'from 197101'),
  })
  .strict();

/** `?lang=`: the reader's language of the HTML, PDF and CSV (else Accept-Language, else Chinese). */
export const monthlyReportQuerySchema = z.object({ lang: z.enum(LANGUAGES).optional() }).strict();

/** The month's shipped quantity as entered (the PPM denominator instead of the shipment records). */
export const shippedQuantitySchema = z
  .object({
    quantity: z.number().int().min(0).max(2_000_000_000),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export interface MonthlyReportRouteDeps extends MonthlyFiguresDeps {
  /** REPORT_FONT_FILE; default Debian's Noto Sans CJK. */
  fontFile?: string;
  /** The deployment's profiles: satisfaction scales, and the names of types, severities and departments. */
  profiles?: Pick<ProfileRegistry, 'get' | 'list' | 'defaultId'>;
}

/** Routes under /api/v1/reports/monthly; months are counted in `timeZone` (COMPLAINT_TIMEZONE). */
export function monthlyReportRoutes(deps: MonthlyReportRouteDeps): Router {
  const router = Router();
  const figures = createMonthlyReportActivities(deps);
  const naming: readonly NamingProfile[] = deps.profiles ? namingOrder(deps.profiles) : BUILT_IN_PROFILES;
  const names = reportNames(naming);

  router.get('/:month', requireRole(...MONTHLY_REPORT_READERS), async (req, res) => {
    const { month } = monthParamsSchema.parse({ month: req.params.month });
    const { lang } = monthlyReportQuerySchema.parse(req.query);
    const reading = { language: reportLanguage(lang, req.acceptsLanguages('zh-CN', 'zh', 'en')), names };
    const type = req.accepts([...MONTHLY_REPORT_TYPES]);
    if (!type)
      throw new HttpError(406, 'not_acceptable', `the report is available as ${MONTHLY_REPORT_TYPES.join(', ')}`);
    const report = await figures.monthlyReportFigures(month);
    const filename = `monthly-report-${month}`;
    res.vary('Accept').vary('Accept-Language');
    if (type !== 'application/json') res.set('Content-Language', reading.language);
    switch (type) {
      case 'text/html':
        res.type('html').send(renderMonthlyReportHtml(report, reading));
        return;
      case 'application/pdf': {
        const pdf = await renderMonthlyReportPdf(report, {
          fontFile: deps.fontFile ?? DEFAULT_REPORT_FONT_FILE,
          createdAt: new Date(report.generatedAt),
          reading,
        });
        res.type('application/pdf').set('Content-Disposition', `inline; filename="${filename}.pdf"`).send(pdf);
        return;
      }
      case 'text/csv':
        res
          .type('text/csv; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="${filename}.csv"`)
          .send(renderMonthlyReportCsv(report, reading));
        return;
      default:
        res.json(report);
    }
  });

  router.put('/:month/shipped-quantity', requireRole(...SHIPPED_QUANTITY_EDITORS), async (req, res) => {
    const { month } = monthParamsSchema.parse({ month: req.params.month });
    const { quantity, note } = shippedQuantitySchema.parse(req.body);
    const row = { quantity, note: note ?? null, enteredBy: actorOf(res).id, enteredAt: deps.now() };
    const saved = await deps.prisma.monthlyShippedQuantity.upsert({
      where: { month },
      create: { month, ...row },
      update: row,
    });
    res.json({ ...saved, enteredAt: saved.enteredAt.toISOString() });
  });

  return router;
}
