import { z } from 'zod';
import { severityFacts } from './severity-facts';

/** Languages in which customers are written to. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Channels through which a complaint can arrive (seeds 003 and 004). */
export const CHANNELS = ['phone', 'email', 'web', 'chat', 'messaging', 'dealer', 'letter', 'visit'] as const;

/** 004 §5.1.1: what a complaint-list entry is (保修期内不良、保修期外不良、需现场维修不良、需邮寄物料进行改换不良). */
export const LIST_KINDS = ['in_warranty_defect', 'out_of_warranty_defect', 'on_site_repair', 'parts_by_mail'] as const;

const isoDate = z.iso.date();
/** A purchase date: a real calendar date from 1970 on (not in the future is checked against the clock). */
const purchaseDate = isoDate.refine((d) => d >= '1970-01-01', 'must be 1970-01-01 or later');
/** A link a member of staff can open: http or https only (no javascript:, data: or file: URLs). */
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' });

/** Facts the severity rules look at, as staff or the customer state them. */
export const severityFactsSchema = severityFacts();

/** The registration form of SPEC §3.1: everything known when a complaint is first recorded. */
export const registrationSchema = z
  .object({
    customer: z
      .object({
        name: z.string().trim().min(1).max(200),
        company: z.string().trim().max(200).optional(),
        email: z.email(),
        phone: z.string().trim().min(3).max(50).optional(),
        language: z.enum(LANGUAGES).default('zh-CN'),
        /** Service region, for matching a field engineer (seed 003). */
        region: z.string().trim().min(1).max(100).optional(),
        /** Where the product is (003 §2.1.1; the engineer's visit). */
        address: z.string().trim().min(1).max(500).optional(),
      })
      .strict(),
    product: z
      .object({
        model: z.string().trim().min(1).max(100),
        serialNumber: z.string().trim().min(1).max(100).optional(),
        batchNumber: z.string().trim().min(1).max(100).optional(),
        orderNumber: z.string().trim().min(1).max(100).optional(),
        purchaseDate: purchaseDate.optional(),
        warrantyStatus: z.enum(['in', 'out', 'unknown']).default('unknown'),
      })
      .strict(),
    /** The process profile to run under; the configured default when omitted. */
    profileId: z.string().min(1).optional(),
    channel: z.enum(CHANNELS).default('web'),
    /**
     * When the complaint reached the company (the call, the email's Date, the visit): every limit the procedures
     * count "from receipt" counts from it. Default: the registration time; never in the future, at most
     * RECEIVED_AT_MAX_DAYS back (checked against the clock at registration).
     */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    scene: z.string().trim().max(2000).optional(),
    description: z.string().trim().min(1).max(10_000),
    quantityAffected: z.number().int().min(1).max(1_000_000).default(1),
    requestedRemedy: z.string().trim().max(2000).optional(),
    /** How badly the customer is affected (000 二(一), 004 §5.1.1 影响程度). */
    impact: z.string().trim().min(1).max(2000).optional(),
    /** When the customer expects it resolved (003 §2.1.1 客户期望解决时间). */
    expectedResolutionBy: z.iso.datetime({ offset: true }).optional(),
    /** 004 §5.1.1's complaint list: the kind, the defect rate (%) and the quantity already sold. */
    listKind: z.enum(LIST_KINDS).optional(),
    defectRate: z.number().min(0).max(100).optional(),
    quantitySold: z.number().int().min(0).max(100_000_000).optional(),
    /** What is already known at intake that the severity rules look at. */
    facts: severityFactsSchema.default({}),
    attachments: z
      .array(z.object({ name: z.string().min(1).max(200), url: webUrl }).strict())
      .max(50)
      .default([]),
  })
  .strict();

/** How far back a complaint's `receivedAt` may lie when it is registered. */
export const RECEIVED_AT_MAX_DAYS = 30;

/** Why `receivedAt` cannot be taken at `nowMs` (in the future, or more than 30 days back); undefined if it can. */
export function receivedAtProblem(receivedAt: string, nowMs: number): string | undefined {
  const at = Date.parse(receivedAt);
  if (at > nowMs) return 'must not be in the future';
  if (at < nowMs - RECEIVED_AT_MAX_DAYS * 86_400_000) return `must be within the last ${RECEIVED_AT_MAX_DAYS} days`;
  return undefined;
}

/** A validated registration, defaults applied. */
export type Registration = z.infer<typeof registrationSchema>;
/** A registration as a client may send it (defaults not yet applied). */
export type RegistrationInput = z.input<typeof registrationSchema>;
