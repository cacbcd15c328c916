/**
 * docs/conformance.md lists every checkable rule of the five seeds with what holds it, the test that shows it
 * and how far we follow it. These tests keep the table honest as the code moves: every row complete, every
 * test and holder file it names still there, and its counts table matching the rows. Files only; no servers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { everyClockTitles } from '../support/clock-paths';
import { parseConformance, shownByTarget, tableCells, testTitles } from '../support/conformance-rows';

const ROOT = path.resolve(__dirname, '../..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs/conformance.md'), 'utf8');
const rows = parseConformance(DOC);
const STATUS = /^(as written|different — .+|missing — .+)$/;

test('docs/conformance.md lists at least 160 seed rules, each with a section, a holder and a status', () => {
  expect(rows.length).toBeGreaterThanOrEqual(160);
  const ids = rows.map((r) => r.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  const incomplete = rows.filter((r) => [r.rule, r.section, r.heldBy, r.shownBy, r.status].some((c) => !c));
  expect(incomplete.map((r) => r.id)).toEqual([]);
  expect(rows.filter((r) => !STATUS.test(r.status)).map((r) => `${r.id}: ${r.status}`)).toEqual([]);
  // a rule held as written is shown by a test; only a difference or a gap may wait for one
  expect(rows.filter((r) => r.status === 'as written' && r.shownBy === 'none yet').map((r) => r.id)).toEqual([]);
});

/** Titles a file builds from data: the test of every clock is named after each clock rule. */
const generated = (file: string): string[] => (file === 'test/workflows/every-clock.test.ts' ? everyClockTitles() : []);

test('every test the conformance table names exists', () => {
  const titlesOf = new Map<string, string[]>();
  const failures: string[] = [];
  for (const row of rows) {
    if (row.shownBy === 'none yet') continue;
    const target = shownByTarget(row.shownBy);
    if (!target) {
      failures.push(`${row.id}: cannot read "${row.shownBy}"`);
      continue;
    }
    const file = path.join(ROOT, target.file);
    if (!fs.existsSync(file)) {
      failures.push(`${row.id}: no file ${target.file}`);
      continue;
    }
    if (!titlesOf.has(file))
      titlesOf.set(file, [...testTitles(fs.readFileSync(file, 'utf8')), ...generated(target.file)]);
    if (!titlesOf.get(file)!.includes(target.title))
      failures.push(`${row.id}: no test "${target.title}" in ${target.file}`);
  }
  expect(failures).toEqual([]);
});

test('every file the conformance table names as holder exists', () => {
  const failures: string[] = [];
  for (const row of rows) {
    for (const [, quoted] of row.heldBy.matchAll(/`([^`]+)`/g)) {
      const file = quoted!.split(' ')[0]!.replace(/:\d[\d,-]*$/, '');
      if (file.includes('/') && !fs.existsSync(path.join(ROOT, file))) failures.push(`${row.id}: ${file}`);
    }
  }
  expect(failures).toEqual([]);
});

test('the counts table matches the rows', () => {
  const counts = DOC.slice(DOC.indexOf('## Counts'))
    .split('\n')
    .map(tableCells)
    .filter((cells): cells is string[] => !!cells && /^(\d{3}|all)$/.test(cells[0] ?? ''));
  const tally = (of: typeof rows) => [
    of.length,
    of.filter((r) => r.status === 'as written').length,
    of.filter((r) => r.status.startsWith('different — ')).length,
    of.filter((r) => r.status.startsWith('missing — ')).length,
  ];
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const expected = [
    ...seeds.map((seed) => [seed, ...tally(rows.filter((r) => r.seed === seed))]),
    ['all', ...tally(rows)],
  ];
  expect(counts.map(([seed, ...n]) => [seed, ...n.map(Number)])).toEqual(expected);
});
