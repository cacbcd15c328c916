/**
 * zod for the modules the workflows import, and `lazy(...)` for schemas built on first use.
 *
 * The worker runs every workflow in one reused V8 context, but evaluates the workflow bundle's modules again
 * for each complaint it keeps in memory. zod is ~180 classes and namespaces of hundreds of members: evaluated
 * per complaint it was most of a cached complaint's memory (~0.6 of ~0.8 MB) and of its first task. So the
 * worker preloads this module (`WORKFLOW_PRELOAD_MODULES` in worker/create-worker.ts): it and zod are
 * evaluated once, before any workflow, and every complaint shares them (the SDK freezes preloaded modules;
 * nothing here or in zod keeps per-workflow state). Schemas stay inside `lazy(...)`: a complaint builds only
 * the ones its actions use, in its own module scope. Workflow-side schemas must not use zod's built-in string
 * formats (z.iso.*, z.email(), z.uuid()): their patterns are zod's own module-level regexes, frozen here, and
 * zod sets a pattern's lastIndex before testing it (TypeError). Use `.regex()` with a literal of the schema's own.
 */
import * as Zod from 'zod';

/** zod's `z`. */
export const z: typeof Zod.z = Zod.z;

// What zod initialises lazily in its own module state, done now: preloaded, that state is frozen before the
// first schema is made (the default locale and memoizer in its global config, whether it may compile parsers).
z.config(z.locales.en());
z.core.config({ memoizer: z.core.memoizer() });
void z.core.util.allowsEval.value;
z.object({ warm: z.array(z.string()).optional() }).safeParse({});

/** A value built on first use and kept. */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
