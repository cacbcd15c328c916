/**
 * Intl.DateTimeFormat instances, made once per set of options: making one costs about a millisecond (it
 * loads the zone and locale data), using one a few microseconds.
 */
const made = new Map<string, Intl.DateTimeFormat>();

/** The formatter of `locale` with `options`, made on first use. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = made.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    made.set(key, format);
  }
  return format;
}
