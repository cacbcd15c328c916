/**
 * What each discipline's form holds (the common 8D model: team, 5W2H, containment per scope, verified
 * occurrence and escape causes, chosen and implemented actions, prevention documents, closure). Built on
 * first use (see lazy-zod).
 */
import { lazy, z } from '../lazy-zod';
import type { Discipline } from './profile-section';

const text = lazy(() => z.string().trim().min(1).max(5_000));
const name = lazy(() => z.string().trim().min(1).max(200));
const department = lazy(() => z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a department id from the directory'));
const quantity = lazy(() => z.number().int().min(0).max(100_000_000));
// Not z.iso.date(): zod's own format regexes live in its module state, frozen in the worker (see lazy-zod), and
// zod resets a pattern's lastIndex before testing it.
const date = lazy(() => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD'));

/** D3 scopes (where suspect product can be). */
export const CONTAINMENT_SCOPES = ['customer_stock', 'in_transit', 'warehouse', 'wip', 'raw_material'] as const;
/** D7 documents an IATF auditor looks for. */
export const PREVENTION_DOCUMENTS = [
  'fmea',
  'control_plan',
  'work_instruction',
  'inspection_standard',
  'other',
] as const;

const verifiedCause = lazy(() =>
  z
    .object({
      cause: text(),
      method: z.enum(['measurement', 'observation', 'reproduction', 'analysis']),
      evidence: text(),
      verdict: z.enum(['confirmed', 'rejected']),
    })
    .strict(),
);
const confirmedOne = (causes: Array<{ verdict: string }>) => causes.some((c) => c.verdict === 'confirmed');

export const DISCIPLINE_FORMS = {
  D1: lazy(() =>
    z
      .object({
        champion: name(),
        leader: name(),
        members: z
          .array(z.object({ name: name(), department: department(), role: name().optional() }).strict())
          .min(1)
          .max(20),
      })
      .strict(),
  ),
  D2: lazy(() =>
    z
      .object({
        what: text(),
        where: text(),
        when: text(),
        who: text(),
        why: text(),
        how: text(),
        howMany: z
          .object({ defective: quantity(), checked: quantity().optional(), unit: name().default('pcs') })
          .strict(),
      })
      .strict(),
  ),
  D3: lazy(() =>
    z
      .object({
        scopes: z
          .array(
            z
              .object({
                scope: z.enum(CONTAINMENT_SCOPES),
                checked: quantity(),
                isolated: quantity(),
                reworked: quantity().default(0),
                owner: name(),
                result: text(),
              })
              .strict(),
          )
          .min(1)
          .max(CONTAINMENT_SCOPES.length),
        /** 004 §5.2 a): recall or replace, make up quantities, fix documents, sort/rework, label and isolate. */
        actions: z.array(text()).max(20).default([]),
      })
      .strict()
      .refine((d) => new Set(d.scopes.map((s) => s.scope)).size === d.scopes.length, {
        message: 'each scope once',
        path: ['scopes'],
      }),
  ),
  D4: lazy(() =>
    z
      .object({ occurrence: z.array(verifiedCause()).min(1).max(10), escape: z.array(verifiedCause()).min(1).max(10) })
      .strict()
      .refine((d) => confirmedOne(d.occurrence), { message: 'at least one confirmed cause', path: ['occurrence'] })
      .refine((d) => confirmedOne(d.escape), { message: 'at least one confirmed cause', path: ['escape'] }),
  ),
  D5: lazy(() =>
    z
      .object({
        actions: z
          .array(
            z
              .object({
                action: text(),
                addresses: z.enum(['occurrence', 'escape']),
                owner: name(),
                verification: text(),
              })
              .strict(),
          )
          .min(1)
          .max(20),
      })
      .strict(),
  ),
  D6: lazy(() =>
    z
      .object({
        implemented: z
          .array(
            z
              .object({ action: text(), owner: name(), targetDate: date(), actualDate: date(), validation: text() })
              .strict(),
          )
          .min(1)
          .max(20),
      })
      .strict(),
  ),
  D7: lazy(() =>
    z
      .object({
        documents: z
          .array(z.object({ kind: z.enum(PREVENTION_DOCUMENTS), reference: name(), change: text() }).strict())
          .min(1)
          .max(20),
        otherProducts: text().optional(),
      })
      .strict(),
  ),
  D8: lazy(() =>
    z
      .object({
        summary: text(),
        teamRecognised: z.boolean(),
        costs: z.number().min(0).optional(),
        customerAccepted: z.boolean().optional(),
      })
      .strict(),
  ),
} as const satisfies Record<Discipline, () => unknown>;

/** The preliminary report of a major complaint whose root cause is not yet found (004 §5.6 b). */
export const preliminaryReportForm = lazy(() =>
  z
    .object({
      findings: text(),
      testPlan: z
        .array(z.object({ test: text(), method: text(), samples: quantity().optional(), due: date() }).strict())
        .min(1)
        .max(20),
    })
    .strict(),
);
