/** The monthly report's operations in the OpenAPI document (api/openapi.ts passes its response helpers). */
import { z } from 'zod';
import { BREAKDOWNS, PPM_CATEGORIES, REPORT_RULES } from '../../domain/monthly-report/monthly-report';
import { MONTH_PATTERN } from '../../domain/months';
import {
  MONTHLY_REPORT_READERS,
  MONTHLY_REPORT_TYPES,
  SHIPPED_QUANTITY_EDITORS,
  shippedQuantitySchema,
} from '../monthly-report-routes';
import { body, errors, json } from './common';

const count = z.number().int().nonnegative();
const rate = z.number().nullable();
const countLine = z.looseObject({ key: z.string().nullable(), complaints: count, units: count });
const slaLine = z.looseObject({ key: z.string(), clocks: count, metOnTime: count, breaches: count, onTimeRate: rate });

const monthlyReportSchema = z.looseObject({
  month: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  totals: z.looseObject({ complaints: count, units: count, defectComplaints: count, defectUnits: count }),
  by: z.object(Object.fromEntries(BREAKDOWNS.map((b) => [b, z.array(countLine)]))),
  pareto: z.looseObject({
    defectComplaints: count,
    otherComplaints: count,
    items: z.array(
      z.looseObject({
        rank: count,
        cause: z.string(),
        productModel: z.string(),
        complaints: count,
        units: count,
        share: z.number(),
        cumulativeShare: z.number(),
        top3: z.boolean(),
      }),
    ),
  }),
  sla: z.looseObject({ overall: slaLine, byClock: z.array(slaLine), byDepartment: z.array(slaLine) }),
  satisfaction: z.array(z.looseObject({ profileId: z.string(), responses: count, satisfied: count })),
  performance: z.looseObject({ departments: z.array(z.looseObject({ department: z.string() })) }),
  repeats: z.looseObject({ sameCustomerCause: z.array(z.looseObject({})), sameLot: z.array(z.looseObject({})) }),
  ppm: z.looseObject({
    defects: z.object(Object.fromEntries(PPM_CATEGORIES.map((c) => [c, count]))),
    defectUnits: count,
    shipped: count,
    shippedSource: z.enum(['entered', 'shipments', 'none']),
    ppm: rate,
  }),
  trend: z.array(
    z.looseObject({ month: z.string(), complaints: count, defectUnits: count, shipped: count, ppm: rate }),
  ),
  backlog: z.looseObject({ asOf: z.string(), open: count }),
  rules: z.looseObject({}),
});

const monthParam = {
  name: 'month',
  in: 'path',
  required: true,
  description: 'the month YYYYMM (from 197101), in the company time zone',
  schema: { type: 'string', pattern: MONTH_PATTERN.source },
};
const langParam = {
  name: 'lang',
  in: 'query',
  required: false,
  description:
    "the reader's language of the HTML, PDF and CSV (names, headers, dates in the company's zone); default: " +
    'Accept-Language, else zh-CN. The JSON keeps the codes',
  schema: { type: 'string', enum: ['zh-CN', 'en'] },
};
const roles = (list: string[]) => [...list, 'admin'].join(', ');

/** GET /api/v1/reports/monthly/{month} and PUT …/shipped-quantity. */
export function monthlyReportPaths() {
  const tags = ['reports'];
  return {
    '/api/v1/reports/monthly/{month}': {
      get: {
        summary: `The monthly quality report (seed 004 §5.7) as JSON, HTML, PDF or CSV by Accept (${roles(MONTHLY_REPORT_READERS)})`,
        description:
          `Formats: ${MONTHLY_REPORT_TYPES.join(', ')} (\`406\` for anything else). The HTML page carries SVG charts ` +
          '(Pareto, 12-month trend, SLA by department); the CSV is one line per figure (`month,table,row,column,value`). ' +
          `PPM: ${REPORT_RULES.ppm}.`,
        tags,
        parameters: [monthParam, langParam],
        responses: {
          200: {
            ...body('the report', monthlyReportSchema),
            content: {
              ...(body('the report', monthlyReportSchema) as { content: object }).content,
              'text/html': { schema: { type: 'string' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          ...errors,
          406: { description: 'none of the formats is acceptable' },
        },
      },
    },
    '/api/v1/reports/monthly/{month}/shipped-quantity': {
      put: {
        summary: `Enter the month's shipped quantity, the PPM denominator (${roles(SHIPPED_QUANTITY_EDITORS)})`,
        description:
          "Replaces the sum of the month's shipment records in the report; entered again, it replaces the figure.",
        tags,
        parameters: [monthParam],
        requestBody: { required: true, content: json(shippedQuantitySchema) },
        responses: {
          200: body(
            'the figure as stored',
            z.looseObject({ month: z.string(), quantity: count, enteredBy: z.string(), enteredAt: z.string() }),
          ),
          ...errors,
        },
      },
    },
  };
}
