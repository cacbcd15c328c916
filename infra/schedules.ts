/**
 * The company's Temporal Schedules (issue 13: the monthly report, preventive maintenance), created at the API's
 * start-up and kept as defined: a schedule that does not exist is created, one that exists gets the definition's
 * spec, action and policies (its paused state and its history stay). Each capability contributes its
 * definitions to `SCHEDULE_SOURCES`, one line each.
 */
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from './config';
import type { Logger } from './logger';
import { calendarCoverageSchedules } from './calendar-coverage-schedule';
import { maintenanceSchedules } from './maintenance-schedule';
import { monthlyReportSchedules } from './monthly-report-schedule';

/** The schedules of one capability, from the configuration (task queue, time zone). */
export type ScheduleSource = (config: Config) => ScheduleOptions[];

/** Every capability's schedules. */
export const SCHEDULE_SOURCES: ScheduleSource[] = [
  maintenanceSchedules,
  monthlyReportSchedules,
  calendarCoverageSchedules,
];

/** Creates the schedules that do not exist yet and brings the others to their definition. */
export async function ensureSchedules(client: Client, definitions: ScheduleOptions[], logger: Logger): Promise<void> {
  for (const definition of definitions) {
    try {
      await client.schedule.create(definition);
      logger.info({ scheduleId: definition.scheduleId }, 'schedule created');
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(definition.scheduleId).update((previous) => ({
        ...previous,
        spec: definition.spec,
        action: definition.action,
        policies: { ...previous.policies, ...definition.policies },
      }));
      logger.debug({ scheduleId: definition.scheduleId }, 'schedule up to date');
    }
  }
}

/**
 * Ensures every capability's schedules, trying again every `retryMs` while Temporal cannot be reached (the API
 * serves meanwhile); resolves once done, or when `stopped()` says to give up.
 */
export async function ensureSchedulesInBackground(
  client: Client,
  config: Config,
  logger: Logger,
  options: { retryMs: number; stopped: () => boolean },
): Promise<void> {
  const definitions = SCHEDULE_SOURCES.flatMap((source) => source(config));
  while (!options.stopped()) {
    try {
      await ensureSchedules(client, definitions, logger);
      return;
    } catch (error) {
      logger.warn({ err: error }, 'schedules not ensured yet; trying again');
      await new Promise((resolve) => setTimeout(resolve, options.retryMs).unref());
    }
  }
}
