/**
 * What the fuzzer needs to exist before it starts: complaints in a few stages under every built-in profile,
 * corrective actions, some staff members and sent emails, so that path parameters (numbers, ids) reach the
 * handlers.
 */
import { procedureRolesFor } from '../../domain/complaint/actions';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { FuzzValues } from './schemathesis';

const BUILT_IN_PROFILE_IDS = BUILT_IN_PROFILES.map((p) => p.id);

/**
 * Registers `perProfile` complaints under each built-in profile and classifies one of each; creates three
 * staff members (ids ending in `suffix`). Returns the numbers and ids the fuzzer draws path parameters from.
 */
export async function seedForFuzz(
  apiUrl: string,
  adminToken: string,
  suffix = '',
  perProfile = 2,
): Promise<FuzzValues> {
  const call = async (method: string, path: string, body?: unknown, token = adminToken) => {
    const res = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`seeding ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  // staff of their own: admin administers staff but takes no procedure step, so the steps below are theirs
  const staffIds: string[] = [];
  const tokens = new Map<string, string>();
  for (const role of ['customer_service', 'quality_manager', 'repair', 'sales']) {
    const id = `fuzz-${role.replace('_', '-')}${suffix}`;
    const created = await call('POST', '/staff', { id, name: role, email: `${id}@example.com`, role });
    tokens.set(role, String(created.token));
    staffIds.push(id);
  }
  const numbers: string[] = [];
  for (const profile of BUILT_IN_PROFILES) {
    for (let i = 0; i < perProfile; i += 1) {
      const created = await call('POST', '/complaints', {
        profileId: profile.id,
        customer: { name: `Fuzz Co ${i}`, email: `fuzz-${profile.id}-${i}@example.com`, language: i ? 'en' : 'zh-CN' },
        product: {
          model: 'XR-200',
          serialNumber: `SN-${i}`,
          batchNumber: `B-${profile.id}-${i}`,
          warrantyStatus: 'in',
        },
        channel: 'email',
        description: 'Pump stops after 10 minutes of operation',
      });
      numbers.push(String(created.number));
    }
    // one complaint of each profile a step further, so that later stages are fuzzed too: classified by the role
    // its procedure names
    const role = procedureRolesFor('classify', profile)?.[0]?.staffRole ?? 'customer_service';
    const type = profile.complaintTypes[0]!.id;
    await call('POST', `/complaints/${numbers.at(-perProfile)}/actions/classify`, { type }, tokens.get(role)).catch(
      () => undefined,
    );
  }
  // corrective actions of its own: an audit finding under each form, and one of a seeded complaint
  const cars: string[] = [];
  for (const profileId of ['cr-mp25', 'industrial-fault']) {
    const opened = await call('POST', '/corrective-actions', {
      profileId,
      source: 'audit',
      reason: `fuzz audit finding ${suffix}`,
      product: { model: 'XR-200' },
      technical: true,
    });
    cars.push(String(opened.number));
  }
  const withCar = numbers[0]!;
  await call(
    'POST',
    `/complaints/${withCar}/actions/openCorrectiveAction`,
    { reason: 'fuzz' },
    tokens.get('quality_manager'),
  )
    .then(() => cars.push(`${withCar}-1`))
    .catch(() => undefined);
  const outbox = (await call('GET', '/outbox?status=sent')) as { items: Array<{ id: string }> };
  return { numbers, ids: [...staffIds, ...BUILT_IN_PROFILE_IDS, ...outbox.items.slice(0, 5).map((e) => e.id)], cars };
}
