import { DefaultLogger, Runtime, Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { createCalendarCoverageActivities } from '../activities/calendar-coverage';
import { createMaintenanceActivities } from '../activities/maintenance';
import { createMonthlyReportRunActivities } from '../activities/monthly-report';
import { workflowCode } from './workflow-bundle';

/** Options for a complaint worker. */
export interface ComplaintWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Bounds of one worker process (from configuration). */
  limits?: { maxCachedWorkflows: number; maxConcurrentActivities: number; maxConcurrentWorkflowTasks: number };
  /** Where the workflow code comes from (`workflowCode()` unless given). */
  code?: ReturnType<typeof workflowCode>;
}

/** Builds a worker that runs complaint workflows and their activities. */
export function createComplaintWorker(options: ComplaintWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.code ?? workflowCode()),
    activities: {
      ...createActivities(options.deps),
      ...createMaintenanceActivities(options.deps),
      ...createCalendarCoverageActivities(options.deps),
      ...createMonthlyReportRunActivities(options.deps),
    },
    ...(options.limits && {
      maxCachedWorkflows: options.limits.maxCachedWorkflows,
      maxConcurrentActivityTaskExecutions: options.limits.maxConcurrentActivities,
      maxConcurrentWorkflowTaskExecutions: options.limits.maxConcurrentWorkflowTasks,
    }),
  });
}

/**
 * Installs the Temporal runtime once per process: SDK logs at WARN and no signal handlers of its own,
 * because the process entry points shut down in their own order. With `metricsAddress` (host:port) the
 * worker's own metrics — activity and workflow task executions and failures, latencies, cache, pollers — are
 * served for Prometheus at http://<metricsAddress>/metrics by the SDK's exporter.
 */
export function installTemporalRuntime(metricsAddress?: string): void {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    shutdownSignals: [],
    ...(metricsAddress && {
      telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress, countersTotalSuffix: true } } },
    }),
  });
}
