/**
 * Modules evaluated once in the worker's shared workflow context instead of once per cached complaint (the SDK's
 * `preloadModules`): zod, through domain/lazy-zod. Evaluated per complaint, zod was ~0.6 MB of each cached
 * complaint's ~0.8 MB of workflow-thread heap; shared, a cached classified complaint holds ~0.2 MB. Only
 * modules without per-workflow state may go here (the SDK freezes them and every workflow sees the same copy).
 */
export const WORKFLOW_PRELOAD_MODULES: string[] = [require.resolve('../domain/lazy-zod')];
