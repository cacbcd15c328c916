import { fitSummary } from '../../domain/ui-summary';

const jsonBytes = (s: string) => Buffer.byteLength(JSON.stringify(s));

test('a short summary is kept as it is', () => {
  expect(fitSummary('record classify (→ Triage)')).toBe('record classify (→ Triage)');
});

test('a long one is cut at a character, with an ellipsis, within the byte budget once serialized', () => {
  const chinese = fitSummary('投诉'.repeat(300));
  expect(chinese.endsWith('…')).toBe(true);
  expect(jsonBytes(chinese)).toBeLessThanOrEqual(302);
  expect([...chinese.slice(0, -1)].every((c) => c === '投' || c === '诉')).toBe(true);
  const emoji = fitSummary('🚚'.repeat(200), 30);
  expect(emoji).toBe(`${'🚚'.repeat(6)}…`);
});

test('quotes, backslashes and control characters count as JSON escapes them', () => {
  const quoted = fitSummary('"'.repeat(400));
  expect(jsonBytes(quoted)).toBeLessThanOrEqual(302);
  expect(jsonBytes(fitSummary('\n'.repeat(400)))).toBeLessThanOrEqual(302);
});
