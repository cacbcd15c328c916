import type { ComplaintWorkflowInput } from '../../domain/complaint-contract';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { profileHash } from '../../infra/profile-registry';

/** Placeholder that `scenario` replaces with the test server's current time. */
export const REGISTERED_NOW = 'now';

/** A workflow input under a built-in profile. */
export function workflowInput(
  number: string,
  profileId: string,
  overrides: Partial<ComplaintWorkflowInput> = {},
): ComplaintWorkflowInput {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === profileId);
  if (!profile) throw new Error(`no built-in profile ${profileId}`);
  return {
    number,
    registeredAt: REGISTERED_NOW,
    customerName: 'Li Na',
    productModel: 'HX-300',
    batchNumber: 'B1',
    channel: 'phone',
    warranty: 'in',
    quantityAffected: 1,
    facts: {},
    profile,
    profileHash: profileHash(profile),
    ...overrides,
  };
}
