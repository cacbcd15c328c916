/** `work`'s answer, or `fallback` when it takes longer than `ms` (the work goes on, unheard). */
export function within<T>(ms: number, work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Polls `read` until it gives a value (not null), for at most `ms`; null when it never did. A failed read
 * counts as no value yet.
 */
export async function eventuallyWithin<T>(ms: number, read: () => Promise<T | null>, everyMs = 150): Promise<T | null> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null) return value;
    if (Date.now() + everyMs > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
