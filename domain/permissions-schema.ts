/**
 * Who does what, as each procedure says (issue 24): the procedure's own roles in its words, each one of the staff
 * roles, and for each action the procedure's roles that take it, with the section that says so. An action the
 * profile does not list keeps the built-in roles of its definition. `admin` administers staff but takes no
 * procedure step unless the profile says so.
 */
import { z } from 'zod';
import { ACTION_NAMES } from './complaint/action-names';
import { profileIdSchema } from './profile-id';
import { ROLES } from './roles';

const label = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).strict();

/** One role as the procedure names it (品质客诉工程师), and the staff role that holds it. */
export const procedureRoleSchema = z
  .object({
    id: profileIdSchema,
    label,
    staffRole: z.enum(ROLES).exclude(['admin']),
    /** Where the procedure defines it. */
    section: z.string().min(1),
  })
  .strict();

/** Who takes one action: the procedure's roles, where it says so, and how we read it when it is not plain. */
export const actionPermissionSchema = z
  .object({
    by: z.array(profileIdSchema).min(1),
    /** Other takers for complaints of one type (004 §5.5 a): a technical-support request is approved by the sales or R&D manager). */
    byType: z.record(profileIdSchema, z.array(profileIdSchema).min(1)).optional(),
    section: z.string().min(1),
    reading: z.string().min(1).optional(),
  })
  .strict();

export const permissionsSchema = z
  .object({
    roles: z.array(procedureRoleSchema).min(1),
    actions: z.partialRecord(z.enum(ACTION_NAMES), actionPermissionSchema).default({}),
    /** `admin` may take the procedure's steps (default: no — an audit trail of "admin did the diagnosis" is worthless). */
    adminTakesSteps: z.boolean().default(false),
  })
  .strict()
  .superRefine((permissions, ctx) => {
    const ids = permissions.roles.map((r) => r.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['roles', i, 'id'], message: `role ${id}: defined twice` });
    });
    for (const [action, rule] of Object.entries(permissions.actions)) {
      const lists: Array<[Array<string | number>, string[]]> = [
        [['by'], rule?.by ?? []],
        ...Object.entries(rule?.byType ?? {}).map(([type, by]): [string[], string[]] => [['byType', type], by]),
      ];
      for (const [at, by] of lists)
        by.forEach((id, i) => {
          if (!ids.includes(id))
            ctx.addIssue({
              code: 'custom',
              path: ['actions', action, ...at, i],
              message: `${action}: unknown role "${id}"`,
            });
        });
    }
  });

/** A profile's permissions. */
export type Permissions = z.infer<typeof permissionsSchema>;
/** As a profile file writes them (defaults not applied). */
export type PermissionsInput = z.input<typeof permissionsSchema>;
