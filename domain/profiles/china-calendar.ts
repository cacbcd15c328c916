import type { Profile } from '../profile-schema';

/**
 * Working calendar shared by the built-in profiles. The seeds give no office hours; 09:00–12:00 and
 * 13:00–18:00, Monday to Friday, China Standard Time, is our assumption. Holidays and make-up working days
 * are the State Council's schedules of the years in `coveredYears` (2026: 国务院办公厅关于2026年部分节假日安排的通知). The 2027
 * schedule was not found in any published source this calendar was checked against (2026-12-07): add it as
 * data with a calendar file (CALENDAR_FILES, docs/configuration.md) once it is published; until then the
 * service warns and marks clocks that count into 2027 "calendar missing".
 */
export const chinaMainlandCalendar: Profile['calendar'] = {
  id: 'cn-mainland',
  coveredYears: { from: 2026, to: 2026 },
  timeZone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  holidays: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  extraWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** Two-level satisfaction used where a seed only asks "satisfied or not". */
export const satisfiedOrNot: Profile['satisfaction'] = {
  kind: 'levels',
  levels: [
    { id: 'satisfied', label: { 'zh-CN': '满意', en: 'satisfied' } },
    { id: 'dissatisfied', label: { 'zh-CN': '不满意', en: 'dissatisfied' } },
  ],
  satisfied: ['satisfied'],
};
