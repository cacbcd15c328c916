import fs from 'node:fs';
import { z } from 'zod';
import { ENGINEER_MAILBOX } from '../domain/complaint/state';
import { LANGUAGES } from '../domain/registration';

const entry = z
  .object({ name: z.string().min(1), email: z.email(), language: z.enum(LANGUAGES).default('zh-CN') })
  .strict();

/** Maps roles and departments to mailboxes, and lists field engineers for on-site dispatch. */
export const directorySchema = z
  .object({
    /** Role or department id → mailboxes. */
    mailboxes: z.record(z.string().min(1), z.array(entry).min(1)),
    engineers: z
      .array(
        z
          .object({
            name: z.string().min(1),
            email: z.email(),
            region: z.string().min(1),
            qualifications: z.array(z.string()).min(1),
            language: z.enum(LANGUAGES).default('zh-CN'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** The department directory. */
export type Directory = z.infer<typeof directorySchema>;

const box = (id: string, name: string) => [
  { name, email: `${id.replace(/_/g, '-')}@example.com`, language: 'zh-CN' as const },
];

/** The built-in directory: one example.com mailbox per role and department. Replace it with DIRECTORY_FILE. */
export const DEFAULT_DIRECTORY: Directory = directorySchema.parse({
  mailboxes: Object.fromEntries(
    [
      ['customer_service', 'Customer service'],
      ['sales', 'Sales'],
      ['technical_support', 'Technical support'],
      ['quality_manager', 'Quality manager'],
      ['repair', 'Repair team'],
      ['department_head', 'Department head'],
      ['general_manager', 'General manager'],
      ['admin', 'Administrator'],
      ['quality', 'Quality department'],
      ['quality_inspection', 'Quality inspection'],
      ['engineering', 'Engineering'],
      ['logistics', 'Logistics'],
      ['planning', 'Planning'],
      ['finance', 'Finance'],
      ['administration', 'Administration department'],
      ['rnd', 'R&D'],
      ['after_sales', 'After-sales service'],
      ['task_force', 'Cross-department task force'],
      ['operations', 'Operations'],
      ['production', 'Production'],
      ['warehouse', 'Warehouse'],
      ['purchasing', 'Purchasing'],
      ['service_team', 'Service team leader'],
    ].map(([id, name]) => [id!, box(id!, name!)]),
  ),
  engineers: [
    {
      name: 'Engineer East',
      email: 'engineer-east@example.com',
      region: 'east',
      qualifications: ['HX-300 servo drive', 'PSU-48'],
    },
    { name: 'Engineer East 2', email: 'engineer-east-2@example.com', region: 'east', qualifications: ['general'] },
    { name: 'Engineer North', email: 'engineer-north@example.com', region: 'north', qualifications: ['general'] },
  ],
});

/** Loads the directory file, or the built-in one when no file is given; refuses an invalid file naming each bad path. */
export function loadDirectory(file?: string): Directory {
  if (!file) return DEFAULT_DIRECTORY;
  const parsed = directorySchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `invalid directory ${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/** The mailboxes of an id: a role's or department's, or a field engineer's (`engineer:<name>`). */
function mailboxesOf(directory: Directory, id: string): z.infer<typeof entry>[] | undefined {
  if (!id.startsWith(ENGINEER_MAILBOX)) return directory.mailboxes[id];
  const name = id.slice(ENGINEER_MAILBOX.length);
  const engineer = directory.engineers.find((e) => e.name === name);
  return engineer && [{ name: engineer.name, email: engineer.email, language: engineer.language }];
}

/** Mailboxes of roles, departments or engineers, deduplicated by address; unknown ids are reported. */
export function resolveMailboxes(
  directory: Directory,
  ids: string[],
): { recipients: z.infer<typeof entry>[]; unknown: string[] } {
  const seen = new Map<string, z.infer<typeof entry>>();
  const unknown: string[] = [];
  for (const id of ids) {
    const boxes = mailboxesOf(directory, id);
    if (!boxes) unknown.push(id);
    for (const b of boxes ?? []) if (!seen.has(b.email.toLowerCase())) seen.set(b.email.toLowerCase(), b);
  }
  return { recipients: [...seen.values()], unknown };
}
