/**
 * Issue 22 on the time-skipping server: a complaint whose working-time clocks count into a year its calendar has
 * no holidays for is marked "calendar missing" (status and Web UI details); the daily check emails the admin and
 * the quality manager once, over real SMTP through the real outbox; a calendar file adding that year makes a new
 * profile version whose complaints count with it and are not marked.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCalendarCoverageActivities } from '../../activities/calendar-coverage';
import { localYear } from '../../domain/calendar-coverage';
import { statusQuery } from '../../domain/complaint-contract';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Profile } from '../../domain/profile-schema';
import { createPrisma, type PrismaClient } from '../../infra/database';
import { DEFAULT_DIRECTORY } from '../../infra/directory';
import { createLogger } from '../../infra/logger';
import { startMailCatcher, type MailCatcher } from '../../infra/mail-catcher';
import { createMailer } from '../../infra/mailer';
import { createProfileRegistry, profileHash } from '../../infra/profile-registry';
import { calendarCoverageWorkflow } from '../../workflows';
import { testStack } from '../support/stack-registry';
import { addDays, anchorMs, atLocal, DAY, weekdayOf } from '../support/test-dates';
import { createTimeSkippingEnv, skipTo, withFakeWorker } from '../support/time-skipping';
import { workflowInput } from '../support/workflow-input';
import { act, scenario } from '../support/workflow-scenario';

const ZONE = 'Asia/Shanghai';
const MIN = 60_000;
let env: TestWorkflowEnvironment;
let prisma: PrismaClient;
let catcher: MailCatcher;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calendar-coverage-'));

// a test server per test: time skipped by one test's leftovers (retention clocks) must not move the next one's
beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

beforeAll(async () => {
  prisma = createPrisma(testStack().databaseUrl, 2);
  catcher = await startMailCatcher();
});

afterAll(async () => {
  await catcher?.stop();
  await prisma?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

// The last weekday before 31 December, at 11:30, of the first year that still has one a day or more ahead:
// 3 working days from there end in the next year.
function lastWorkingDayAhead(): { registeredMs: number; year: number } {
  for (let year = localYear(anchorMs() + DAY, ZONE); ; year += 1) {
    let date = `${year}-12-30`;
    while (weekdayOf(date) > 5) date = addDays(date, -1);
    const registeredMs = atLocal(date, '11:30', ZONE);
    if (registeredMs > anchorMs() + DAY) return { registeredMs, year };
  }
}

const { registeredMs, year } = lastWorkingDayAhead();
const calendarId = `test-${randomUUID().slice(0, 8)}`;
const builtIn = BUILT_IN_PROFILES.find((p) => p.id === 'cr-mp25')!;
// the company's profile: its calendar lists the holidays of `year` only (none fall in late December)
const companyProfile: Profile = {
  ...builtIn,
  id: `acme-${calendarId}`,
  calendar: {
    ...builtIn.calendar,
    id: calendarId,
    holidays: [],
    extraWorkingDays: [],
    coveredYears: { from: year, to: year },
  },
};
const profileFile = path.join(dir, 'profile.json');
fs.writeFileSync(profileFile, JSON.stringify(companyProfile));

/** Runs the daily check once over `profiles`, with "today" the registration day. */
async function runCoverageCheck(profiles: ReturnType<typeof createProfileRegistry>) {
  const activities = createCalendarCoverageActivities({
    prisma,
    mailer: createMailer(catcher.smtpUrl, 'desk@example.com'),
    logger: createLogger('silent'),
    now: () => new Date(registeredMs),
    timeZone: ZONE,
    directory: DEFAULT_DIRECTORY,
    standalone: { profiles, taskQueue: 'unused' },
  });
  let result: Awaited<ReturnType<typeof calendarCoverageWorkflow>> | undefined;
  await withFakeWorker(env, 'calendar', activities, async (taskQueue) => {
    result = await env.client.workflow.execute(calendarCoverageWorkflow, {
      taskQueue,
      workflowId: `calendar-${randomUUID()}`,
    });
  });
  return result!;
}

/** The working-time clocks of a complaint under `profile` registered at `atMs`, after classification. */
async function workingClocks(profile: Profile, atMs: number) {
  let found: Array<{
    name: string;
    dueAt: string;
    duration: { amount: number; unit: string };
    calendarMissing?: number[];
  }> = [];
  let details = '';
  await skipTo(env, atMs - MIN);
  await scenario(
    env,
    (n) =>
      workflowInput(n, 'cr-mp25', {
        registeredAt: new Date(atMs).toISOString(),
        profile,
        profileHash: profileHash(profile),
      }),
    async (h) => {
      await skipTo(env, atMs + MIN);
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      const status = await h.query(statusQuery);
      found = status.deadlines.filter((d) => d.duration.unit.startsWith('working'));
      details = status.statusLine;
      const metadata = await h.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
      // the Web UI's current details say where it stands in the same words
      expect(metadata.currentDetails).toContain(`**Now:** ${status.statusLine}`);
    },
  );
  return { clocks: found, details };
}

test('a clock counting into a year without holidays is marked "calendar missing"; the warning email goes out once', async () => {
  const { clocks, details } = await workingClocks(companyProfile, registeredMs);
  const threeDays = clocks.find((c) => c.duration.amount === 3 && c.duration.unit === 'working_days');
  const crossing = clocks.filter((c) => localYear(Date.parse(c.dueAt), ZONE) > year);
  expect(crossing.length).toBeGreaterThan(0);
  for (const c of crossing)
    expect({ clock: c.name, calendarMissing: c.calendarMissing }).toEqual({
      clock: c.name,
      calendarMissing: [year + 1],
    });
  if (threeDays) expect(threeDays.calendarMissing).toEqual([year + 1]);
  expect(details).toContain(`calendar missing for ${year + 1}`);

  const registry = createProfileRegistry([profileFile]);
  const first = await runCoverageCheck(registry);
  expect(first.warnings).toContainEqual(
    expect.objectContaining({ calendar: calendarId, lastCoveredYear: year, state: 'ending' }),
  );
  await runCoverageCheck(registry);
  const mine = () => catcher.messages.filter((m) => m.subject.includes(calendarId));
  await catcher.waitFor((m) => m.subject.includes(calendarId) && m.to.includes('quality-manager@example.com'));
  expect(
    mine()
      .map((m) => m.to.join(','))
      .sort(),
  ).toEqual(['admin@example.com', 'quality-manager@example.com']);
});

test('adding the year as a calendar file makes a new profile version: its complaints are not marked, the warning stops', async () => {
  const calendarFile = path.join(dir, `${year + 1}.json`);
  fs.writeFileSync(
    calendarFile,
    JSON.stringify({
      calendar: calendarId,
      year: year + 1,
      source: 'company holiday notice',
      holidays: [`${year + 1}-01-01`],
    }),
  );
  const registry = createProfileRegistry([profileFile], undefined, [calendarFile]);
  const extended = registry.get(companyProfile.id)!.profile;
  expect(extended.version).toBe(companyProfile.version + 1);
  expect(extended.calendar.coveredYears).toEqual({ from: year, to: year + 1 });
  const { clocks, details } = await workingClocks(
    extended,
    Math.max(registeredMs, await env.currentTimeMs()) + 10 * MIN,
  );
  expect(clocks.length).toBeGreaterThan(0);
  expect(clocks.filter((c) => c.calendarMissing)).toEqual([]);
  expect(details).not.toContain('calendar missing');
  const result = await runCoverageCheck(registry);
  expect(result.warnings.map((w) => w.calendar)).not.toContain(calendarId);
});
