/** Processes started outside a workflow are started by the type names their contracts hold: they match the code. */
import { COMPLAINT_WORKFLOW_TYPE } from '../../domain/complaint-contract';
import { CORRECTIVE_ACTION_WORKFLOW_TYPE } from '../../domain/corrective-action-contract';
import {
  MONTHLY_REPORT_SCHEDULED_WORKFLOW_TYPE,
  MONTHLY_REPORT_WORKFLOW_TYPE,
} from '../../domain/monthly-report-contract';
import { RECALL_WORKFLOW_TYPE } from '../../domain/recall-contract';
import * as workflows from '../../workflows';

test('each contract names its workflow as the worker registers it', () => {
  expect(workflows.complaintWorkflow.name).toBe(COMPLAINT_WORKFLOW_TYPE);
  expect(workflows.correctiveActionWorkflow.name).toBe(CORRECTIVE_ACTION_WORKFLOW_TYPE);
  expect(workflows.recallWorkflow.name).toBe(RECALL_WORKFLOW_TYPE);
  expect(workflows.monthlyReportWorkflow.name).toBe(MONTHLY_REPORT_WORKFLOW_TYPE);
  expect(workflows.monthlyReportScheduledWorkflow.name).toBe(MONTHLY_REPORT_SCHEDULED_WORKFLOW_TYPE);
});
