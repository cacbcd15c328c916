import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { evaluateSeverity } from '../../domain/severity';
import { createProfileRegistry, loadProfileFile, profileHash, ProfileError } from '../../infra/profile-registry';

const byId = (id: string) => BUILT_IN_PROFILES.find((p) => p.id === id)!;

function writeJson(value: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-')), 'profile.json');
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

test('five built-ins, one per seed, each valid and with a stable hash', () => {
  expect(BUILT_IN_PROFILES.map((p) => p.id)).toEqual([
    'industrial-fault',
    'quality-improvement',
    'engine-plant',
    'after-sales',
    'cr-mp25',
  ]);
  for (const p of BUILT_IN_PROFILES) expect(profileHash(p)).toBe(profileHash(JSON.parse(JSON.stringify(p))));
  expect(new Set(BUILT_IN_PROFILES.map(profileHash)).size).toBe(5);
});

/** The length a profile's clock rule gives (fixed, by severity or by channel). */
const clock = (profile: (typeof BUILT_IN_PROFILES)[number], name: string) => {
  const rule = profile.clockRules?.find((r) => r.name === name);
  if (!rule) throw new Error(`${profile.id} has no clock ${name}`);
  return rule.length.fixed ?? rule.length.bySeverity ?? rule.length;
};

test('the numbers of the seeds', () => {
  const p000 = byId('industrial-fault');
  expect([
    clock(p000, 'notify_owners'),
    clock(p000, 'first_contact'),
    clock(p000, 'revision'),
    p000.progressUpdateEvery,
    clock(p000, 'callback'),
  ]).toEqual([
    { amount: 10, unit: 'minutes' },
    { amount: 2, unit: 'hours' },
    { amount: 2, unit: 'hours' },
    { amount: 24, unit: 'hours' },
    { amount: 24, unit: 'hours' },
  ]);
  expect([clock(p000, 'arrival'), clock(p000, 'restore'), p000.retentionYears]).toEqual([
    { urgent: { amount: 4, unit: 'hours' } },
    { urgent: { amount: 24, unit: 'hours' } },
    5,
  ]);
  const p001 = byId('quality-improvement');
  expect(clock(p001, 'response')).toEqual({
    urgent: { amount: 2, unit: 'hours' },
    important: { amount: 4, unit: 'hours' },
    general: { amount: 8, unit: 'hours' },
  });
  expect([clock(p001, 'result_feedback'), clock(p001, 'effectiveness_check'), clock(p001, 'follow_up')]).toEqual([
    { amount: 1, unit: 'working_days' },
    { amount: 7, unit: 'days' },
    { amount: 30, unit: 'days' },
  ]);
  expect(evaluateSeverity(p001, { itemValue: 10_000 }).severity).toBe('important');
  expect(evaluateSeverity(p001, { batchDefectiveUnits: 10 }).severity).toBe('urgent');
  expect(evaluateSeverity(p001, { batchDefectiveUnits: 9, cosmeticOrMinor: true }).severity).toBe('general');
  const p002 = byId('engine-plant');
  expect([
    clock(p002, 'acknowledge'),
    clock(p002, 'preliminary_solution'),
    clock(p002, 'investigation'),
    clock(p002, 'escalated_resolution'),
    clock(p002, 'callback'),
    p002.retentionYears,
  ]).toEqual([
    { byChannel: { email: { amount: 1, unit: 'hours' } }, otherwise: { amount: 24, unit: 'hours' } },
    { amount: 72, unit: 'hours' },
    { amount: 3, unit: 'days' },
    { amount: 7, unit: 'days' },
    { amount: 3, unit: 'days' },
    2,
  ]);
  const p003 = byId('after-sales');
  expect(clock(p003, 'dispatch')).toEqual({
    urgent: { amount: 30, unit: 'minutes' },
    important: { amount: 2, unit: 'hours' },
    general: { amount: 4, unit: 'hours' },
  });
  expect(clock(p003, 'arrival')).toEqual({
    urgent: { amount: 2, unit: 'hours' },
    important: { amount: 4, unit: 'hours' },
    general: { amount: 24, unit: 'hours' },
  });
  expect(p003.satisfaction).toEqual({ kind: 'score', min: 1, max: 10, followUpBelow: 8, aspects: true });
  const p004 = byId('cr-mp25');
  expect([
    clock(p004, 'finding_to_sales'),
    clock(p004, 'plan_to_sales'),
    clock(p004, 'answer_8d_or_ca'),
    clock(p004, 'preliminary_report'),
    clock(p004, 'answer'),
  ]).toEqual([
    { major: { amount: 4, unit: 'hours' } },
    { major: { amount: 8, unit: 'hours' } },
    { general: { amount: 3, unit: 'working_days' } },
    { major: { amount: 2, unit: 'working_days' } },
    { amount: 7, unit: 'working_days' },
  ]);
  // every clock of a built-in profile says where its seed writes it; a limit the seed does not give says why
  for (const p of BUILT_IN_PROFILES)
    for (const r of p.clockRules ?? [])
      expect(r.section).toMatch(new RegExp(`^${p.source.match(/seed (\d{3})/)![1]} `));
  expect(p004.repairRouting).toEqual({ threshold: 20, below: 'engineering', atOrAbove: 'planning' });
  expect(p004.approvals?.companyPaidOutOfWarranty).toBe('general_manager');
  expect(p004.notifications.copyOnRegistration).toEqual([
    'planning',
    'engineering',
    'quality',
    'sales',
    'finance',
    'general_manager',
  ]);
});

test('a company profile file loads beside the built-ins', () => {
  const custom = { ...JSON.parse(JSON.stringify(byId('quality-improvement'))), id: 'acme-quality', version: 3 };
  const registry = createProfileRegistry([writeJson(custom)], 'acme-quality');
  expect(registry.list()).toHaveLength(6);
  expect(registry.get('acme-quality')!.profile.version).toBe(3);
});

test('an invalid profile file is refused with every bad path named', () => {
  const broken = JSON.parse(JSON.stringify(byId('after-sales')));
  broken.id = 'Bad Id';
  broken.clockRules[3].length.fixed = { amount: -1, unit: 'fortnights' };
  broken.defaultSeverity = 'catastrophic';
  broken.severityRules.push({ kind: 'batch_defect', severity: 'urgent' });
  const file = writeJson(broken);
  expect(() => loadProfileFile(file)).toThrow(ProfileError);
  let message = '';
  try {
    loadProfileFile(file);
  } catch (error) {
    message = (error as Error).message;
  }
  for (const p of [
    'id:',
    'clockRules.3.length.fixed.amount:',
    'clockRules.3.length.fixed.unit:',
    'severityRules.2.threshold:',
    'severityRules.2.windowDays:',
  ]) {
    expect(message).toContain(`- ${p}`);
  }
  const unknownSeverity = JSON.parse(JSON.stringify(byId('after-sales')));
  unknownSeverity.defaultSeverity = 'catastrophic';
  expect(() => loadProfileFile(writeJson(unknownSeverity))).toThrow(/defaultSeverity: unknown severity "catastrophic"/);
  expect(() => createProfileRegistry([writeJson(byId('after-sales'))])).toThrow(/defined twice/);
});

test('a calendar states the years it covers: a holiday outside them is refused, naming the path', () => {
  const profile = JSON.parse(JSON.stringify(byId('cr-mp25')));
  profile.calendar.holidays.push('2031-05-01');
  let message = '';
  try {
    loadProfileFile(writeJson(profile));
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain('calendar.holidays.33: 2031-05-01 lies outside coveredYears 2026–2026');
});

test('a calendar file adds a year to every profile on its calendar: a new version each; bad files are refused', () => {
  const year2027 = { calendar: 'cn-mainland', year: 2027, source: 'test notice', holidays: ['2027-01-01'] };
  const registry = createProfileRegistry([], 'industrial-fault', [writeJson(year2027)]);
  for (const { profile } of registry.list()) {
    expect(profile.version).toBe(byId(profile.id).version + 1);
    expect(profile.calendar.coveredYears).toEqual({ from: 2026, to: 2027 });
    expect(profile.calendar.holidays).toContain('2027-01-01');
  }
  expect(registry.get('cr-mp25')!.hash).not.toBe(profileHash(byId('cr-mp25')));
  const wrongYear = writeJson({ ...year2027, extraWorkingDays: ['2028-02-05'] });
  expect(() => createProfileRegistry([], 'industrial-fault', [wrongYear])).toThrow(
    /calendar file .*profile\.json is invalid:\n {2}- extraWorkingDays\.0: 2028-02-05 is not in 2027/,
  );
  const gap = writeJson({ ...year2027, year: 2028, holidays: ['2028-01-01'] });
  expect(() => createProfileRegistry([], 'industrial-fault', [gap])).toThrow(/covers 2026–2026: add 2028 after/);
});

test("a profile's clock rules are checked: an unknown severity or stage is refused, naming the clock", () => {
  const profile = JSON.parse(JSON.stringify(byId('cr-mp25')));
  profile.clockRules[1].length.bySeverity.catastrophic = { amount: 1, unit: 'hours' };
  profile.clockRules[2].startedBy.push('enter:nowhere');
  profile.clockRules[3].metBy = ['sent:'];
  let message = '';
  try {
    loadProfileFile(writeJson(profile));
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain('clockRules.1.length.bySeverity.catastrophic: clock finding_to_sales: unknown severity');
  expect(message).toContain('clockRules.2.startedBy.2: clock plan_to_sales: unknown stage "nowhere"');
  expect(message).toContain('clockRules.3.metBy.0:');
});
