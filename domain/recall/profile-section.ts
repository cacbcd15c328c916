/**
 * The recall part of a process profile: whether a complaint starts a recall by itself (002: a severe safety
 * issue) or on the quality manager's decision (001, 004), how long consignees have to answer, the cadence of
 * reminders to the silent ones and of status reports to management, and who hears of what. Pure data.
 */
import { z } from 'zod';
import { durationSchema } from '../duration';
import { ROLES } from '../roles';

const role = z.enum(ROLES);
const recipient = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ only');

/** When a complaint starts a recall (the quality manager may always start one through the API). */
const triggerSchema = z.discriminatedUnion('on', [
  /** 002 §4.2: a severe safety issue → recall at once and notify the customers. */
  z.object({ on: z.literal('severity'), severities: z.array(z.string().min(1)).min(1) }).strict(),
  /** 001 batch defects, 004 §5.2 a) 1): the quality manager decides (`decideRecall`). */
  z.object({ on: z.literal('decision') }).strict(),
  /** The complaint never starts one (a recall is opened through the API). */
  z.object({ on: z.literal('none') }).strict(),
]);

export const recallSectionSchema = z
  .object({
    /** Where it is named in the procedure (seed and section). */
    source: z.string().min(1),
    trigger: triggerSchema,
    /** Who decides a recall on a complaint and who starts or closes one. */
    decidedBy: z.array(role).min(1),
    /** What consignees are offered when the recall is started without naming a remedy (002 example 4.4: free repair). */
    defaultRemedy: z.string().min(1).max(2_000),
    /** Time a consignee has to answer, from the opening (a recall may set its own deadline). */
    answerWithin: durationSchema,
    /** A consignee who has not answered is reminded this often, at most `maxReminders` times. */
    reminderEvery: durationSchema,
    maxReminders: z.number().int().min(0).max(20),
    /** Management gets the counts this often (FDA practice: every 2–4 weeks). */
    statusReportEvery: durationSchema,
    statusReportTo: z.array(recipient).min(1),
    /** Told when the recall starts. */
    notifyOnOpen: z.array(recipient).min(1),
    /** Told of the consignees still silent at the deadline. */
    escalateTo: z.array(recipient).min(1),
  })
  .strict();

/** The recall section of a profile. */
export type RecallSection = z.infer<typeof recallSectionSchema>;
