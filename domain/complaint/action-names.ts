/**
 * The names of the complaint's staff actions, in the order a complaint normally meets them (the definitions live
 * in actions/; the profile's permissions name them). No zod here: the profile schema and the workflow bundle
 * import it.
 */
export const ACTION_NAMES = [
  'classify',
  'requestLocalCheck',
  'checkValidity',
  'customerObjects',
  'submitDiagnosis',
  'sendPreliminaryReport',
  'proposePlan',
  'approvePlan',
  'recordCustomerDecision',
  'arbitrate',
  'recordPayment',
  'dispatchEngineer',
  'recordArrival',
  'recordProgress',
  'requestPartsConsent',
  'recordPartsConsent',
  'requestServiceConfirmation',
  'recordServiceConfirmation',
  'recordProcessing',
  'recordVerification',
  'recordSurvey',
  'recordFollowUp',
  'reopen',
  'withdraw',
  'pauseClocks',
  'resumeClocks',
  'escalate',
  'recordTemporaryPlan',
  'openCorrectiveAction',
  'decideRecall',
] as const;

/** Names of the staff actions. */
export type ActionName = (typeof ACTION_NAMES)[number];
