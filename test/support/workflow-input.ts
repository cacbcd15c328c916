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

/** A diagnosis staff submit in the scenarios (a manufacturing cause found by five whys). */
export const SAMPLE_DIAGNOSIS = {
  cause: 'manufacturing',
  analysis: { method: 'five_why', whys: ['drive trips', 'over-current', 'solder joint cracked'] },
  findings: 'cracked solder joint on the power board',
  // 004 §5.7 c): the defect from the procedure's list
  defectCode: 'solder_joint',
  // 000 二(三): the factory test report is read for every diagnosis
  evidence: { factoryTestReport: 'FT-2611: all tests passed at shipment' },
};

/**
 * The first remedy of every row of every built-in procedure's remedy matrix: a plan that offers them takes the
 * procedure's remedy whatever the complaint's fault level, cause and warranty, so it needs no `remedyDeviation`
 * (the scenarios are not about the remedy; test/unit/seed-steps.test.ts is).
 */
export const MATRIX_REMEDIES = [...new Set(BUILT_IN_PROFILES.flatMap((p) => p.remedies.map((r) => r.actions[0]!)))];

/** A plan staff propose in the scenarios. */
export const SAMPLE_PLAN = {
  summary: 'replace the power board',
  customerRemedy: MATRIX_REMEDIES,
};
