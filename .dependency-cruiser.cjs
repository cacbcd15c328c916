/**
 * The layers and what each may import (`npm run lint`): see docs/architecture.md › Layers.
 * domain/ pure rules and contracts; workflows/ orchestration; activities/ what a worker runs (only the worker
 * imports it); infra/ database, Temporal connection, mail transport, config; mail/ and reports/ rendering and
 * documents shared by the API and the activities; api/ HTTP; worker/ the worker process; scripts/ commands.
 */
const SOURCE = '^(api|activities|domain|infra|mail|reports|workflows|worker|scripts)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'no import circles',
      from: { path: SOURCE },
      to: { circular: true },
    },
    {
      name: 'activities-only-from-the-worker',
      severity: 'error',
      comment:
        'activities/ holds what a worker runs: only worker/ (and tests) import it; workflows import its types only',
      from: { path: SOURCE, pathNot: '^(activities|worker)/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'api-only-from-its-entry',
      severity: 'error',
      comment: 'nothing below the HTTP layer imports it',
      from: { path: '^(activities|domain|infra|mail|reports|workflows|worker)/' },
      to: { path: '^api/' },
    },
    {
      name: 'infra-not-to-workflows',
      severity: 'error',
      comment: 'infra/ talks to the outside; it starts workflows by name through contracts, not by importing them',
      from: { path: '^infra/' },
      to: { path: '^workflows/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ imports only domain/ (and libraries)',
      from: { path: '^domain/' },
      to: { path: SOURCE, pathNot: '^domain/' },
    },
    {
      name: 'workflows-orchestrate-only',
      severity: 'error',
      comment: 'workflows/ import domain/, workflows/ and the types of activities',
      from: { path: '^workflows/' },
      to: { path: '^(api|infra|mail|reports|worker|scripts)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|generated|test)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
