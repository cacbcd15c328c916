/** Preventive maintenance rules: calendar months, the first due date of a unit, the order's timeline. */
import { firstDueOn } from '../../api/maintenance-routes';
import { maintenanceOrderId } from '../../domain/maintenance-contract';
import { addDays, addMonths, dueNow, localDate, timelineOf } from '../../domain/maintenance/rules';
import { MAINTENANCE_SETTINGS } from '../../domain/maintenance/settings';

test('calendar months: the 31st becomes the last day of a shorter month; years roll over', () => {
  expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  expect(addMonths('2026-06-05', 12)).toBe('2027-06-05');
  expect(addMonths('2026-12-05', -6)).toBe('2026-06-05');
  expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
});

test('a unit registered late is due at the first interval from installation that is not past', () => {
  expect(firstDueOn('2026-06-05', 6, '2026-11-30')).toBe('2026-12-05');
  expect(firstDueOn('2024-01-31', 6, '2026-11-30')).toBe('2027-01-31');
  expect(firstDueOn('2025-11-30', 12, '2026-11-30')).toBe('2026-11-30');
});

test('the order: notice 7 days ahead at 09:00, deadline at the end of due date + 7 days, then the ladder', () => {
  const input = { dueDate: '2026-12-10', timeZone: 'Asia/Shanghai', settings: MAINTENANCE_SETTINGS };
  const t = timelineOf(input);
  expect(new Date(t.noticeAt).toISOString()).toBe('2026-12-03T01:00:00.000Z');
  expect(new Date(t.deadline).toISOString()).toBe('2026-12-17T16:00:00.000Z');
  expect(t.levels).toEqual([t.deadline, t.deadline + 3 * 24 * 3_600_000]);
  expect(localDate(t.deadline - 1, 'Asia/Shanghai')).toBe('2026-12-17');
  const state = { phase: 'scheduled' as const, escalationLevel: 0 };
  expect(dueNow(state, t, t.noticeAt - 1)).toEqual({ notice: false, level: undefined, wakeAt: t.noticeAt });
  expect(dueNow({ ...state, noticeSentAt: 'x' }, t, t.deadline)).toEqual({
    notice: false,
    level: 1,
    wakeAt: undefined,
  });
  expect(maintenanceOrderId('SN-7001', '2026-12-10')).toBe('maintenance-SN-7001-202612');
  expect(() => maintenanceOrderId('bad serial', '2026-12-10')).toThrow(TypeError);
});
