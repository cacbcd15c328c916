/** A valid form for each discipline (the common 8D content of one case). */
export const DISCIPLINE_DATA = {
  formTeam: {
    champion: 'Wang Fang',
    leader: 'Zhao Lei',
    members: [
      { name: 'Zhao Lei', department: 'quality' },
      { name: 'Sun Li', department: 'engineering' },
    ],
  },
  describeProblem: {
    what: 'drive trips with over-current',
    where: 'customer line 3',
    when: 'since 2026-11-02',
    who: 'customer maintenance',
    why: 'power board fails',
    how: 'found at start-up',
    howMany: { defective: 12, checked: 400 },
  },
  recordContainment: {
    scopes: [
      { scope: 'customer_stock', checked: 200, isolated: 12, reworked: 12, owner: 'Sun Li', result: '12 replaced' },
      { scope: 'warehouse', checked: 150, isolated: 9, reworked: 9, owner: 'Zhou Min', result: 'sorted, reworked' },
    ],
    actions: ['label and isolate suspect goods'],
  },
  recordRootCause: {
    occurrence: [
      { cause: 'reflow profile too cold', method: 'measurement', evidence: 'profile log', verdict: 'confirmed' },
    ],
    escape: [
      { cause: 'no X-ray of joints', method: 'analysis', evidence: 'control plan review', verdict: 'confirmed' },
    ],
  },
  chooseActions: {
    actions: [{ action: 'new reflow profile', addresses: 'occurrence', owner: 'Sun Li', verification: 'joint X-ray' }],
  },
  recordImplementation: {
    implemented: [
      {
        action: 'new reflow profile',
        owner: 'Sun Li',
        targetDate: '2026-12-01',
        actualDate: '2026-12-01',
        validation: 'X-ray OK',
      },
    ],
  },
  recordPrevention: {
    documents: [
      { kind: 'inspection_standard', reference: 'IS-PB-07 rev C', change: 'X-ray of power joints' },
      { kind: 'control_plan', reference: 'CP-PB rev F', change: 'reflow profile check per shift' },
    ],
  },
  closeDisciplines: { summary: 'root cause removed; no recurrence', teamRecognised: true },
} as const;
