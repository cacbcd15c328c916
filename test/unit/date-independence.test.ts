/**
 * The suite passes on any date (issue 22): no test compares a fixed date with the clock. Tests choose their
 * dates relative to now (test/support/test-dates.ts) or inject now; pure functions keep explicit dates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dateBoundLines } from '../support/date-bound-lines';

const root = path.join(__dirname, '..');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'histories' ? [] : files(full);
    return full.endsWith('.ts') ? [full] : [];
  });

test('no test compares a fixed date with the clock', () => {
  const found = files(root)
    .filter((f) => !/(date-bound-lines|date-independence\.test)\.ts$/.test(f))
    .flatMap((f) =>
      dateBoundLines(fs.readFileSync(f, 'utf8')).map((l) => `${path.relative(root, f)}:${l.line}: ${l.text}`),
    );
  expect(found).toEqual([]);
});

test('the check finds the date-bound tests that failed on 2026-12-04', () => {
  const before = [
    "const REGISTERED = '2026-12-04T03:30:00.000Z';",
    'const registeredFor = (i: number) => Date.parse(REGISTERED) + i * 21 * DAY;',
    'const registeredMs = registeredFor(i);',
    'expect(registeredMs).toBeGreaterThan(await env.currentTimeMs());',
  ].join('\n');
  expect(dateBoundLines(before).map((l) => l.line)).toEqual([4]);
  const direct = "if (Date.parse('2027-01-31') > Date.now()) return;";
  expect(dateBoundLines(direct)).toHaveLength(1);
  const start =
    "const start = await env.currentTimeMs();\nconst at = start > Date.parse('2026-11-27T01:00:00Z') ? start : 0;";
  expect(dateBoundLines(start).map((l) => l.line)).toEqual([2]);
});

test('relative dates, and explicit dates given to a pure function, pass the check', () => {
  const relative =
    'const registeredMs = nextLocal(anchorMs(), { weekday: 5 });\nexpect(registeredMs).toBeGreaterThan(Date.now());';
  expect(dateBoundLines(relative)).toEqual([]);
  const pure = "expect(dueAt(Date.parse('2026-12-04T03:30:00Z'), d, cal)).toBe(Date.parse('2026-12-16T03:30:00Z'));";
  expect(dateBoundLines(pure)).toEqual([]);
});
