/**
 * A procedure's time limits as profile data (issue 23): each clock in its seed's words and section, its length,
 * what starts it, from when it counts, and what meets it — the output the seed names (an email or document that
 * reaches a role or the customer: `sent:<email event>`), a step recorded (`action:<name>`), a stage reached.
 * `domain/complaint/clock-table.ts` is the engine that reads them; profiles pinned before this section existed
 * keep the engine's built-in table.
 */
import { z } from 'zod';
import { profileIdSchema } from './profile-id';
import { durationSchema } from './duration';

const id = profileIdSchema;

/** Events (besides stage entries, actions, ratings and emails sent) that start or meet clocks. */
export const CLOCK_EVENTS = [
  'registered',
  'acknowledged',
  'owners_notified',
  'customer_contacted',
  'no_root_cause',
  'follow_up_unresolved',
  'progress_reported',
  'emergency_started',
] as const;

/**
 * What starts or meets a clock: an event above, `enter:<stage>`, `action:<action>`, `rated:<severity>` (a step
 * set the complaint's severity to it), `sent:<email event>` (that email reached its readers), `escalated_to:<role>`
 * (a missed deadline's ladder reached that role).
 */
export const clockTriggerSchema = z
  .string()
  .regex(
    new RegExp(
      `^(${CLOCK_EVENTS.join('|')}|enter:[a-z_]+|action:[A-Za-z]+|rated:[a-z0-9_-]+|sent:[a-z_]+|escalated_to:[a-z_]+)$`,
    ),
    'an event, enter:<stage>, action:<action>, rated:<severity>, sent:<email event> or escalated_to:<role>',
  );

/** One of: `fixed`; `bySeverity`; `byChannel` with `otherwise`. */
const lengthSchema = z
  .object({
    fixed: durationSchema.optional(),
    /** By the complaint's severity (fault level); a severity without an entry runs no clock. */
    bySeverity: z.record(id, durationSchema).optional(),
    /** By the channel the complaint came through (002: email within 1 h), `otherwise` for the rest. */
    byChannel: z.record(z.string().min(1), durationSchema).optional(),
    otherwise: durationSchema.optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    const kinds = [l.fixed, l.bySeverity, l.byChannel].filter(Boolean).length;
    if (kinds !== 1) ctx.addIssue({ code: 'custom', message: 'exactly one of fixed, bySeverity, byChannel' });
    if (!!l.byChannel !== !!l.otherwise)
      ctx.addIssue({ code: 'custom', path: ['otherwise'], message: 'byChannel and otherwise go together' });
  });

export const clockRuleSchema = z
  .object({
    name: id,
    /** The limit as the seed writes it. */
    rule: z.string().min(1),
    /** Where the seed writes it ("004 §5.6 a)"). */
    section: z.string().min(1),
    length: lengthSchema,
    startedBy: z.array(clockTriggerSchema).min(1),
    /** `receipt`: counted from when the complaint reached the company, whatever starts it; else from the start. */
    from: z.enum(['start', 'receipt']).default('start'),
    metBy: z.array(clockTriggerSchema).min(1),
    /** Runs only for complaints served on site, before (false) or after (true) an objection, outside remote areas. */
    when: z
      .object({
        serviceMode: z.enum(['on_site', 'remote']).optional(),
        afterObjection: z.boolean().optional(),
        /** Runs only outside (false) or inside (true) the profile's `dispatch.remoteRegions`. */
        remoteArea: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /**
     * Who is told, in the seed's order: `warning` — the roles or departments warned (default: the owners);
     * `breach` — the ladder a missed deadline climbs (default: the profile's `clocks.escalation`).
     */
    notify: z
      .object({
        warning: z.array(id).min(1).optional(),
        breach: z
          .array(
            z
              .object({
                notify: z.array(id).min(1),
                after: durationSchema.extend({ amount: z.number().nonnegative() }),
              })
              .strict(),
          )
          .min(1)
          .optional(),
      })
      .strict()
      .optional(),
    /** Started at most once (a second start leaves it as it is). */
    once: z.boolean().default(false),
    /** The customer's acknowledgement promises contact by this clock's due time (the first such clock running). */
    promised: z.boolean().default(false),
    /** Where we read the seed a particular way or add a limit it does not give: why ("ours: …"). */
    reading: z.string().min(1).optional(),
  })
  .strict();

/** One clock of a procedure. */
export type ClockRule = z.infer<typeof clockRuleSchema>;
/** A clock rule as a profile file writes it (defaults not applied). */
export type ClockRuleInput = z.input<typeof clockRuleSchema>;

/** Problems of a profile's clock rules against its severities and stages, each with the clock's name and path. */
export function clockRuleIssues(
  rules: ClockRule[],
  known: { severities: Set<string>; stages: readonly string[] },
): Array<{ path: (string | number)[]; message: string }> {
  const issues: Array<{ path: (string | number)[]; message: string }> = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = (...path: (string | number)[]) => ['clockRules', i, ...path];
    if (seen.has(rule.name)) issues.push({ path: at('name'), message: `clock ${rule.name}: defined twice` });
    seen.add(rule.name);
    if (rule.length.bySeverity)
      for (const s of Object.keys(rule.length.bySeverity))
        if (!known.severities.has(s))
          issues.push({ path: at('length', 'bySeverity', s), message: `clock ${rule.name}: unknown severity "${s}"` });
    for (const key of ['startedBy', 'metBy'] as const)
      rule[key].forEach((trigger, j) => {
        const [kind, value] = trigger.split(':');
        if (kind === 'enter' && !known.stages.includes(value!))
          issues.push({ path: at(key, j), message: `clock ${rule.name}: unknown stage "${value}"` });
        if (kind === 'rated' && !known.severities.has(value!))
          issues.push({ path: at(key, j), message: `clock ${rule.name}: unknown severity "${value}"` });
      });
  });
  return issues;
}
