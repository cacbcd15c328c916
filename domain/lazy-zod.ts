/**
 * zod, loaded on first use. The worker evaluates every module of the workflow bundle again for each complaint
 * it keeps in memory, and zod with the action schemas built on it cost a new complaint most of its first
 * workflow task and about a megabyte of memory, though only a complaint that receives a staff action needs
 * them. So the modules the workflows import build their schemas inside `lazy(...)` with this `z`, which loads
 * zod at the first call.
 */
import type * as Zod from 'zod';

let loaded: typeof Zod | undefined;

function load(): typeof Zod {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (see above)
  return (loaded ??= require('zod') as typeof Zod);
}

/** zod's `z`, loading zod when first used. */
export const z = new Proxy({} as typeof Zod.z, { get: (_target, key) => Reflect.get(load().z, key) as unknown });

/** A value built on first use and kept. */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
