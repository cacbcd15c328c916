import fc from 'fast-check';
import type { Duration } from '../../domain/duration';
import { chinaMainlandCalendar } from '../../domain/profiles/china-calendar';
import { dueAt, isWorkingDay, workingMinutesPerDay, workingTimeBetween } from '../../domain/working-time';

const cal = chinaMainlandCalendar;
const at = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3600_000;

describe('exact due instants on the 2026 China calendar (09–12, 13–18, Mon–Fri, holidays)', () => {
  test.each<[string, string, Duration, string]>([
    ['lunch break is skipped', '2026-11-26T11:30', { amount: 1, unit: 'working_hours' }, '2026-11-26T13:30'],
    ['weekend is skipped', '2026-11-27T17:00', { amount: 2, unit: 'working_hours' }, '2026-11-30T10:00'],
    [
      'National Day week is skipped, the next working day counts',
      '2026-09-30T17:00',
      { amount: 1, unit: 'working_days' },
      '2026-10-08T17:00',
    ],
    [
      'a make-up Saturday is a working day',
      '2026-10-09T17:00',
      { amount: 2, unit: 'working_hours' },
      '2026-10-10T10:00',
    ],
    ['004: answer within 7 working days', '2026-11-23T10:00', { amount: 7, unit: 'working_days' }, '2026-12-02T10:00'],
    [
      'start outside working hours begins at the next opening',
      '2026-11-28T08:00',
      { amount: 30, unit: 'minutes' },
      '2026-11-28T08:30',
    ],
    [
      'working time from a Saturday begins on Monday',
      '2026-11-28T08:00',
      { amount: 3, unit: 'working_hours' },
      '2026-11-30T12:00',
    ],
    ['calendar days ignore the calendar', '2026-09-30T17:00', { amount: 3, unit: 'days' }, '2026-10-03T17:00'],
    ['24 calendar hours', '2026-11-27T17:00', { amount: 24, unit: 'hours' }, '2026-11-28T17:00'],
  ])('%s', (_name, start, duration, due) => {
    expect(iso(dueAt(at(start), duration, cal))).toBe(iso(at(due)));
  });

  test('a working day is 8 hours', () => {
    expect(workingMinutesPerDay(cal)).toBe(480);
  });
});

// Instants between 2025-12-01 and 2027-01-31, to the minute.
const instant = fc
  .integer({ min: Date.parse('2025-12-01T00:00:00Z') / 60_000, max: Date.parse('2027-01-31T00:00:00Z') / 60_000 })
  .map((m) => m * 60_000);
const workingDuration = fc.oneof(
  fc.integer({ min: 1, max: 200 }).map((amount): Duration => ({ amount, unit: 'working_hours' })),
  fc.integer({ min: 1, max: 30 }).map((amount): Duration => ({ amount, unit: 'working_days' })),
);
const toMs = (d: Duration) => d.amount * HOUR * (d.unit === 'working_days' ? workingMinutesPerDay(cal) / 60 : 1);

describe('properties of the working-time arithmetic', () => {
  test('the working time between start and due equals the duration', () => {
    fc.assert(
      fc.property(instant, workingDuration, (start, d) => {
        expect(workingTimeBetween(start, dueAt(start, d, cal), cal)).toBe(toMs(d));
      }),
      { numRuns: 300 },
    );
  });

  test('due is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(instant, instant, workingDuration, workingDuration, (a, b, d1, d2) => {
        const [s1, s2] = a <= b ? [a, b] : [b, a];
        expect(dueAt(s1, d1, cal)).toBeLessThanOrEqual(dueAt(s2, d1, cal));
        const [short, long] = toMs(d1) <= toMs(d2) ? [d1, d2] : [d2, d1];
        expect(dueAt(s1, short, cal)).toBeLessThanOrEqual(dueAt(s1, long, cal));
      }),
      { numRuns: 300 },
    );
  });

  test('holidays and weekends never count, and a deadline never falls due on one', () => {
    const holiday = fc.constantFrom(...cal.holidays);
    fc.assert(
      fc.property(holiday, instant, workingDuration, (day, start, d) => {
        expect(workingTimeBetween(at(`${day}T00:00`), at(`${day}T23:59`), cal)).toBe(0);
        const due = dueAt(start, d, cal);
        const local = new Date(due + 8 * HOUR).toISOString().slice(0, 10);
        const [y, m, dd] = local.split('-').map(Number);
        const weekday = ((new Date(Date.UTC(y!, m! - 1, dd)).getUTCDay() + 6) % 7) + 1;
        expect(isWorkingDay(cal, { year: y!, month: m!, day: dd!, weekday })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('calendar units are exact', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10_000 }), (start, n) => {
        expect(dueAt(start, { amount: n, unit: 'minutes' }, cal) - start).toBe(n * 60_000);
        expect(dueAt(start, { amount: n, unit: 'hours' }, cal) - start).toBe(n * HOUR);
        expect(dueAt(start, { amount: n, unit: 'days' }, cal) - start).toBe(n * 24 * HOUR);
      }),
    );
  });
});
