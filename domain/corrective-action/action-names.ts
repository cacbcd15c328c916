/**
 * The disciplines and the names of the corrective-action updates (the contract and the API read them;
 * definitions live in actions.ts). No zod here: the workflow bundle imports it.
 */

/** The disciplines of the 8D method, in order. D0 (emergency response) is the complaint's own emergency clock. */
export const DISCIPLINES = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8'] as const;
/** One discipline. */
export type Discipline = (typeof DISCIPLINES)[number];

/** The action that fills in each discipline. */
export const DISCIPLINE_ACTIONS = {
  D1: 'formTeam',
  D2: 'describeProblem',
  D3: 'recordContainment',
  D4: 'recordRootCause',
  D5: 'chooseActions',
  D6: 'recordImplementation',
  D7: 'recordPrevention',
  D8: 'closeDisciplines',
} as const satisfies Record<Discipline, string>;

/** Every corrective-action update, disciplines first. */
export const CAR_ACTION_NAMES = [
  ...Object.values(DISCIPLINE_ACTIONS),
  'approveBlock',
  'rejectBlock',
  'stepBack',
  'submitPreliminaryReport',
  'verifyEffectiveness',
  'cancel',
] as const;

/** One corrective-action update. */
export type CarActionName = (typeof CAR_ACTION_NAMES)[number];
