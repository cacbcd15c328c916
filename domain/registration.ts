import { z } from 'zod';

/** Languages in which customers are written to. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Channels through which a complaint can arrive (seeds 003 and 004). */
export const CHANNELS = ['phone', 'email', 'web', 'chat', 'messaging', 'dealer', 'letter', 'visit'] as const;

const isoDate = z.iso.date();

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
      })
      .strict(),
    product: z
      .object({
        model: z.string().trim().min(1).max(100),
        serialNumber: z.string().trim().min(1).max(100).optional(),
        batchNumber: z.string().trim().min(1).max(100).optional(),
        orderNumber: z.string().trim().min(1).max(100).optional(),
        purchaseDate: isoDate.optional(),
        warrantyStatus: z.enum(['in', 'out', 'unknown']).default('unknown'),
      })
      .strict(),
    channel: z.enum(CHANNELS).default('web'),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    scene: z.string().trim().max(2000).optional(),
    description: z.string().trim().min(1).max(10_000),
    quantityAffected: z.number().int().min(1).default(1),
    requestedRemedy: z.string().trim().max(2000).optional(),
    attachments: z
      .array(z.object({ name: z.string().min(1).max(200), url: z.url() }).strict())
      .max(50)
      .default([]),
  })
  .strict();

/** A validated registration, defaults applied. */
export type Registration = z.infer<typeof registrationSchema>;
/** A registration as a client may send it (defaults not yet applied). */
export type RegistrationInput = z.input<typeof registrationSchema>;
