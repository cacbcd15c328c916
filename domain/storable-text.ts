/**
 * Text refused at the door: a NUL character (PostgreSQL text and jsonb refuse it), any other control
 * character but tab, line feed and carriage return (never meant in a form, confusing in emails), and a lone
 * UTF-16 surrogate (not valid UTF-8). So no write can fail on it later.
 */
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The message for such text. */
export const UNSTORABLE_MESSAGE = 'contains a control character or a lone surrogate, which cannot be stored';

/** The path of the first string (or object key) in `value` that cannot be stored; undefined when none. */
export function unstorableTextPath(value: unknown, path: Array<string | number> = []): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path.join('.') || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextPath(item, [...path, i]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) return [...path, key].join('.');
      const found = unstorableTextPath(item, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
