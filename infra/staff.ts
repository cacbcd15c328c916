import crypto from 'node:crypto';
import { ROLES, type Actor, type Role } from '../domain/roles';
import type { PrismaClient } from './database';

/** SHA-256 of a bearer token: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Creates (or re-keys) a staff member and returns the new bearer token; it is shown once and never stored. */
export async function issueStaffToken(
  prisma: PrismaClient,
  staff: { id: string; name: string; email: string; role: Role },
): Promise<string> {
  const token = crypto.randomBytes(24).toString('base64url');
  const tokenHash = hashToken(token);
  await prisma.staff.upsert({
    where: { id: staff.id },
    create: { ...staff, tokenHash },
    update: { name: staff.name, email: staff.email, role: staff.role, tokenHash, active: true },
  });
  return token;
}

/** The staff member a bearer token belongs to, if it is valid and active. */
export async function actorForToken(prisma: PrismaClient, token: string): Promise<Actor | undefined> {
  const staff = await prisma.staff.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!staff || !staff.active || !(ROLES as readonly string[]).includes(staff.role)) return undefined;
  return { id: staff.id, role: staff.role as Role };
}

/** Creates one demo staff member per role when there is no staff at all; returns their tokens. */
export async function seedDemoStaff(prisma: PrismaClient): Promise<Record<Role, string> | undefined> {
  if ((await prisma.staff.count()) > 0) return undefined;
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const id = `demo-${role.replace(/_/g, '-')}`;
    tokens[role] = await issueStaffToken(prisma, { id, name: `Demo ${role}`, email: `${id}@example.com`, role });
  }
  return tokens;
}
