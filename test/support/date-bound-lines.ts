/**
 * Finds test code that compares a fixed date with the clock — the kind of test that passes until the day it
 * fails. Per file, names are tainted by what they are assigned from: a fixed ISO date literal ("2026-12-04…") or
 * a clock read (`Date.now()`, `currentTimeMs()`, `new Date()`), transitively; a line where both kinds meet (a
 * literal or a name of each) is reported. A line that means it says why with a `date-independent:` comment.
 */
const DATE_LITERAL = /['"`]\d{4}-\d{2}-\d{2}/;
const CLOCK_READ = /Date\.now\(\)|currentTimeMs\(\)|new Date\(\)/;
const ASSIGNMENT = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(.*)$/;

/** True when the line uses one of the names (an object key of the same name, `due: …`, is not a use). */
function mentions(line: string, names: Set<string>): boolean {
  for (const name of names)
    if (new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\b(?!\\s*:(?!:))`).test(line)) return true;
  return false;
}

/** Line numbers (1-based) and text of the lines of `source` that compare a fixed date with the clock. */
export function dateBoundLines(source: string): Array<{ line: number; text: string }> {
  const lines = source.split('\n');
  const fixed = new Set<string>();
  const clock = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const text of lines) {
      const m = ASSIGNMENT.exec(text);
      if (!m) continue;
      const [, name, value] = m as unknown as [string, string, string];
      if (!fixed.has(name) && (DATE_LITERAL.test(value) || mentions(value, fixed))) changed = fixed.add(name) && true;
      if (!clock.has(name) && (CLOCK_READ.test(value) || mentions(value, clock))) changed = clock.add(name) && true;
    }
  }
  const found: Array<{ line: number; text: string }> = [];
  lines.forEach((text, i) => {
    if (/date-independent:/.test(text) || /date-independent:/.test(lines[i - 1] ?? '')) return;
    const code = text.replace(/\/\/.*$/, '');
    const hasFixed = DATE_LITERAL.test(code) || mentions(code, fixed);
    const hasClock = CLOCK_READ.test(code) || mentions(code, clock);
    if (hasFixed && hasClock) found.push({ line: i + 1, text: text.trim() });
  });
  return found;
}
