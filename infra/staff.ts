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

/** A staff member as administrators see it (never the token or its hash). */
export interface StaffView {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

const view = (s: { id: string; name: string; email: string; role: string; active: boolean; createdAt: Date }) => ({
  id: s.id,
  name: s.name,
  email: s.email,
  role: s.role as Role,
  active: s.active,
  createdAt: s.createdAt.toISOString(),
});

const newToken = () => crypto.randomBytes(24).toString('base64url');

/** Every staff member, by id. */
export async function listStaff(prisma: PrismaClient): Promise<StaffView[]> {
  return (await prisma.staff.findMany({ orderBy: { id: 'asc' } })).map(view);
}

/**
 * Creates a staff member with a new token (shown once), recording who did it; undefined when the id is
 * taken (an existing member is never overwritten).
 */
export async function createStaff(
  prisma: PrismaClient,
  staff: { id: string; name: string; email: string; role: Role },
  byId: string,
): Promise<{ staff: StaffView; token: string } | undefined> {
  const token = newToken();
  return prisma.$transaction(async (tx) => {
    const created = await tx.staff.createMany({
      data: [{ ...staff, tokenHash: hashToken(token) }],
      skipDuplicates: true,
    });
    if (created.count === 0) return undefined;
    await tx.staffChange.create({ data: { staffId: staff.id, change: 'created', byId, detail: { role: staff.role } } });
    return { staff: view(await tx.staff.findUniqueOrThrow({ where: { id: staff.id } })), token };
  });
}

/** Changes a member's name, email, role or active flag, one recorded change per field; undefined if unknown. */
export async function updateStaff(
  prisma: PrismaClient,
  id: string,
  patch: { name?: string; email?: string; role?: Role; active?: boolean },
  byId: string,
): Promise<StaffView | undefined> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.staff.findUnique({ where: { id } });
    if (!before) return undefined;
    const after = await tx.staff.update({ where: { id }, data: patch });
    const changes = (Object.keys(patch) as Array<keyof typeof patch>)
      .filter((key) => patch[key] !== undefined && patch[key] !== before[key])
      .map((key) => ({
        staffId: id,
        byId,
        change: key === 'active' ? (patch.active ? 'enabled' : 'disabled') : `${key}_changed`,
        detail: { from: before[key], to: patch[key] },
      }));
    if (changes.length) await tx.staffChange.createMany({ data: changes });
    return view(after);
  });
}

/** A new token for a member (the old one stops working at once); undefined if unknown. */
export async function rotateStaffToken(prisma: PrismaClient, id: string, byId: string): Promise<string | undefined> {
  const token = newToken();
  return prisma.$transaction(async (tx) => {
    const updated = await tx.staff.updateMany({ where: { id }, data: { tokenHash: hashToken(token) } });
    if (updated.count === 0) return undefined;
    await tx.staffChange.create({ data: { staffId: id, change: 'token_rotated', byId, detail: {} } });
    return token;
  });
}

/** The recorded changes to a member, oldest first. */
export async function staffChanges(prisma: PrismaClient, id: string) {
  const rows = await prisma.staffChange.findMany({ where: { staffId: id }, orderBy: { at: 'asc' } });
  return rows.map((r) => ({ change: r.change, by: r.byId, detail: r.detail, at: r.at.toISOString() }));
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
