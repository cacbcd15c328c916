/** Shipments (the consignees a recall traces) in the OpenAPI document. */
import { z } from 'zod';
import { MAX_ISSUES, MAX_SHIPMENTS, SHIPMENT_COLUMNS, shipmentSchema } from '../shipment-file';
import { shipmentListQuerySchema } from '../shipment-routes';
import { json, body, errorSchema, errorBody, errors, queryParameters } from './common';
import { nullableString, count } from './complaint-schemas';

export const shipmentView = z.looseObject({
  id: z.string(),
  customerName: z.string(),
  customerEmail: z.string(),
  customerLanguage: z.string(),
  shipTo: z.string(),
  productModel: z.string(),
  lot: nullableString,
  serial: nullableString,
  quantity: z.number().int(),
  shippedAt: z.string(),
  importedAt: z.string(),
});

/** The shipment operations (issue 11). */
export function shipmentPaths() {
  const tags = ['shipments'];
  const shipments = z.array(shipmentSchema);
  return {
    '/api/v1/shipments': {
      post: {
        summary: 'Import shipment records (CSV or JSON, up to 20 MB): all lines or none (quality manager, sales)',
        description:
          `CSV (\`text/csv\`; UTF-8 unless \`charset\` names another): a header row naming the columns ` +
          `(${SHIPMENT_COLUMNS.join(', ')}; any order; \`customerLanguage\`, \`lot\` and \`serial\` optional, one of ` +
          'lot and serial per line), one shipment per row, quoted fields as in RFC 4180. JSON: an array of shipments ' +
          `or \`{ "shipments": [...] }\`. At most ${MAX_SHIPMENTS} shipments. Every line is checked first; a file ` +
          'with a bad line is refused whole (`400`, `issues` naming each line: the CSV line, the header being line 1, ' +
          'or the JSON item from 1). Idempotent by `id`: a shipment imported before with the same content is ' +
          '`unchanged`, with other content a line error.',
        tags,
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string', description: `header: ${SHIPMENT_COLUMNS.join(',')}` } },
            ...json(z.union([shipments, z.object({ shipments }).strict()])),
          },
        },
        responses: {
          200: body(
            '{ received, created, unchanged }: every shipment of the file is stored',
            z.object({ received: count, created: count, unchanged: count }),
          ),
          ...errors,
          400: body(
            `the file is refused and nothing of it stored: \`issues\` (at most ${MAX_ISSUES}) name each bad line ` +
              '(`line`: the CSV line or the JSON item; none for the body as a whole); malformed JSON',
            errorSchema.extend({
              issues: z
                .array(z.object({ line: z.number().int().optional(), path: z.string(), message: z.string() }))
                .optional(),
            }),
          ),
          413: errorBody('the body is larger than 20 MB'),
          415: errorBody(
            'the body is neither text/csv nor application/json, is not in a known charset, or has a content encoding',
          ),
        },
      },
      get: {
        summary: 'List shipment records by lot, serial, product model or customer email (quality manager, sales)',
        description: 'Latest shipped first; `total` counts every match.',
        tags,
        parameters: queryParameters(shipmentListQuerySchema),
        responses: {
          200: body('{ total, items }', z.object({ total: z.number().int(), items: z.array(shipmentView) })),
          ...errors,
        },
      },
    },
  };
}

/** The shape of a recall number (`<YYYYMM>-<NNN>`, the month's own sequence). */
