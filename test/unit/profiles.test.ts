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

test('the numbers of the seeds', () => {
  const p000 = byId('industrial-fault');
  expect([
    p000.deadlines.notifyOwners,
    p000.deadlines.firstContact,
    p000.deadlines.revisionAfterObjection,
    p000.progressUpdateEvery,
    p000.deadlines.callback,
  ]).toEqual([
    { amount: 10, unit: 'minutes' },
    { amount: 2, unit: 'hours' },
    { amount: 2, unit: 'hours' },
    { amount: 24, unit: 'hours' },
    { amount: 24, unit: 'hours' },
  ]);
  expect([
    p000.deadlines.arrivalBySeverity?.urgent,
    p000.deadlines.restoreBySeverity?.urgent,
    p000.retentionYears,
  ]).toEqual([{ amount: 4, unit: 'hours' }, { amount: 24, unit: 'hours' }, 5]);
  const p001 = byId('quality-improvement');
  expect(p001.deadlines.responseBySeverity).toEqual({
    urgent: { amount: 2, unit: 'hours' },
    important: { amount: 4, unit: 'hours' },
    general: { amount: 8, unit: 'hours' },
  });
  expect([p001.deadlines.resultFeedback, p001.deadlines.effectivenessCheck, p001.followUpCall]).toEqual([
    { amount: 1, unit: 'working_days' },
    { amount: 7, unit: 'days' },
    { amount: 30, unit: 'days' },
  ]);
  expect(evaluateSeverity(p001, { itemValue: 10_000 }).severity).toBe('important');
  expect(evaluateSeverity(p001, { batchDefectiveUnits: 10 }).severity).toBe('urgent');
  expect(evaluateSeverity(p001, { batchDefectiveUnits: 9, cosmeticOrMinor: true }).severity).toBe('general');
  const p002 = byId('engine-plant');
  expect([
    p002.deadlines.acknowledge,
    p002.deadlines.acknowledgeByChannel,
    p002.deadlines.preliminaryPlan,
    p002.deadlines.investigation,
    p002.deadlines.callback,
    p002.retentionYears,
  ]).toEqual([
    { amount: 24, unit: 'hours' },
    { email: { amount: 1, unit: 'hours' } },
    { amount: 72, unit: 'hours' },
    { amount: 3, unit: 'days' },
    { amount: 3, unit: 'days' },
    2,
  ]);
  const p003 = byId('after-sales');
  expect(p003.deadlines.dispatchBySeverity).toEqual({
    urgent: { amount: 30, unit: 'minutes' },
    important: { amount: 2, unit: 'hours' },
    general: { amount: 4, unit: 'hours' },
  });
  expect(p003.deadlines.arrivalBySeverity).toEqual({
    urgent: { amount: 2, unit: 'hours' },
    important: { amount: 4, unit: 'hours' },
    general: { amount: 24, unit: 'hours' },
  });
  expect(p003.satisfaction).toEqual({ kind: 'score', min: 1, max: 10, followUpBelow: 8 });
  const p004 = byId('cr-mp25');
  expect([
    p004.deadlines.responseBySeverity?.major,
    p004.deadlines.planBySeverity,
    p004.deadlines.preliminaryReportWithoutRootCause,
    p004.deadlines.answer,
  ]).toEqual([
    { amount: 4, unit: 'hours' },
    { major: { amount: 8, unit: 'hours' }, general: { amount: 3, unit: 'working_days' } },
    { amount: 2, unit: 'working_days' },
    { amount: 7, unit: 'working_days' },
  ]);
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
  broken.deadlines.callback = { amount: -1, unit: 'fortnights' };
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
    'deadlines.callback.amount:',
    'deadlines.callback.unit:',
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
