import fc from 'fast-check';
import { monthOf, monthRange } from '../../domain/months';

const range = (month: string, zone: string) => {
  const { from, to } = monthRange(month, zone);
  return [from.toISOString(), to.toISOString()];
};

test.each([
  ['203103', 'Asia/Shanghai', '2031-02-28T16:00:00.000Z', '2031-03-31T16:00:00.000Z'],
  ['203103', 'UTC', '2031-03-01T00:00:00.000Z', '2031-04-01T00:00:00.000Z'],
  // daylight saving starts within the month: EST at its start, EDT at its end
  ['202603', 'America/New_York', '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z'],
  // and ends within the month: BST at its start, GMT at its end
  ['202610', 'Europe/London', '2026-09-30T23:00:00.000Z', '2026-11-01T00:00:00.000Z'],
  // half-hour offset and half-hour daylight saving
  ['202604', 'Australia/Lord_Howe', '2026-03-31T13:00:00.000Z', '2026-04-30T13:30:00.000Z'],
  // the year rolls over
  ['202612', 'Asia/Shanghai', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  // midnight of 1 October 2017 never happened in Asunción (00:00 → 01:00): October starts at 01:00 local
  ['201710', 'America/Asuncion', '2017-10-01T04:00:00.000Z', '2017-11-01T03:00:00.000Z'],
])('month %s in %s is [%s, %s)', (month, zone, from, to) => {
  expect(range(month, zone)).toEqual([from, to]);
});

test('an instant is in month m exactly when monthRange(m) holds it, in any zone', () => {
  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Pacific/Kiritimati', 'Pacific/Niue'];
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom(...zones),
      (instant, zone) => {
        const { from, to } = monthRange(monthOf(instant, zone), zone);
        expect(from.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime()).toBeLessThan(to.getTime());
        expect(monthOf(new Date(from.getTime() - 1), zone)).not.toBe(monthOf(instant, zone));
      },
    ),
    { numRuns: 200 },
  );
});

test('a month that is not YYYYMM is refused', () => {
  expect(() => monthRange('2031-3', 'UTC')).toThrow(RangeError);
  expect(() => monthRange('203113', 'UTC')).toThrow(RangeError);
});
