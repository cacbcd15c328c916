/**
 * Issue 24 over HTTP: each procedure walked step by step as its seed says. At every step every staff role the
 * profile does not name gets a 403 naming the procedure's own roles for it, and nothing it asked enters the
 * complaint (no audit entry, no history entry, no form); then the seed's role takes the step.
 */
import request from 'supertest';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { ROLES, type Role } from '../../domain/roles';
import { PROCEDURE_WALKS } from '../support/clock-paths';
import { readComplaint, registerComplaint, startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** Settled (no effects pending) and what it holds. */
async function settled(number: string) {
  const { live } = await readComplaint(h, number, (l) => !l.pendingEffects);
  const [audit, forms] = await Promise.all([
    h.prisma.auditEntry.count({ where: { complaintNumber: number } }),
    h.prisma.complaintForm.count({ where: { complaintNumber: number } }),
  ]);
  return { stage: live.stage, history: live.history.length, audit, forms };
}

test.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))(
  '%s: every step taken by the roles its seed names; every other role 403 naming them, nothing recorded',
  async (profileId, profile) => {
    const number = await registerComplaint(h, { profileId });
    const refusedWrongly: string[] = [];
    for (const [action, , payload] of PROCEDURE_WALKS[profileId]!) {
      const named = profile.permissions!.actions[action];
      const takers = named?.by.map((id) => profile.permissions!.roles.find((r) => r.id === id)!);
      // approval and arbitration: the profile's own sections (the walk's approver is the plan's approver)
      const allowed: Role[] = takers ? takers.map((t) => t.staffRole) : (profile.approvals?.plan ?? []);
      const before = await settled(number);
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const res = await request(h.app)
          .post(`/api/v1/complaints/${number}/actions/${action}`)
          .set('Authorization', h.as(role))
          .send(payload as object);
        if (res.status !== 403) refusedWrongly.push(`${action} by ${role}: ${res.status}`);
        for (const t of takers ?? [])
          if (!String(res.body.message).includes(`${t.label['zh-CN']} ${t.label.en}`))
            refusedWrongly.push(`${action} by ${role}: "${res.body.message}" does not name ${t.label.en}`);
      }
      expect({ action, after: await settled(number) }).toEqual({ action, after: before });
      const taken = await request(h.app)
        .post(`/api/v1/complaints/${number}/actions/${action}`)
        .set('Authorization', h.as(allowed[0]!))
        .send(payload as object);
      expect({ action, status: taken.status, message: taken.body.message }).toEqual({
        action,
        status: 200,
        message: undefined,
      });
    }
    expect(refusedWrongly).toEqual([]);
    const end = await settled(number);
    expect(['closed', 'archived']).toContain(end.stage);
  },
);
