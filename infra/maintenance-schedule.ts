/**
 * The preventive-maintenance schedule (seed 003 §1.2, §3.1): every day at 06:00 in the company's time zone
 * (COMPLAINT_TIMEZONE) a run of `maintenanceDueVisitsWorkflow` starts the maintenance orders of the visits due
 * within the lead time. Runs never overlap; a run missed while Temporal was down is caught up within two days
 * (each run looks at everything due by its day, so one catch-up run is enough).
 */
import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import {
  MAINTENANCE_DUE_RUN_ID,
  MAINTENANCE_DUE_WORKFLOW_TYPE,
  MAINTENANCE_SCHEDULE_ID,
} from '../domain/maintenance-contract';
import { MAINTENANCE_SETTINGS } from '../domain/maintenance/settings';
import type { maintenanceDueVisitsWorkflow } from '../workflows/maintenance/due-visits.workflow';
import type { Config } from './config';

export function maintenanceSchedules(config: Config): ScheduleOptions[] {
  const args: Parameters<typeof maintenanceDueVisitsWorkflow> = [
    { leadDays: MAINTENANCE_SETTINGS.leadDays, timeZone: config.COMPLAINT_TIMEZONE },
  ];
  return [
    {
      scheduleId: MAINTENANCE_SCHEDULE_ID,
      spec: { calendars: [{ hour: 6, minute: 0 }], timezone: config.COMPLAINT_TIMEZONE },
      action: {
        type: 'startWorkflow',
        workflowType: MAINTENANCE_DUE_WORKFLOW_TYPE,
        workflowId: MAINTENANCE_DUE_RUN_ID,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args,
        staticSummary: `Maintenance orders for visits due within ${MAINTENANCE_SETTINGS.leadDays} days`,
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '2 days' },
      memo: { purpose: 'preventive maintenance (seed 003 §1.2, §3.1)' },
    },
  ];
}
