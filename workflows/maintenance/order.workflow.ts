/**
 * One preventive-maintenance visit (seed 003 §1.2, §3.1), started by the daily due-visits run: the engineer of
 * the customer's region qualified for the product (department directory) is told, with the call-ahead; the
 * customer is told ahead; the engineer's side records the visit with its checklist and the customer's signed
 * confirmation, and the installed base gets its next due date; a visit not recorded by its deadline escalates
 * level by level until it is. The order itself is workflows/maintenance/maintenance-order.ts.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  assignEngineerUpdate,
  maintenanceStatusQuery,
  recordVisitUpdate,
  type AssignEngineerRequest,
  type MaintenanceOrderInput,
  type MaintenanceOrderResult,
  type RecordVisitRequest,
} from '../../domain/maintenance-contract';
import { MaintenanceOrder } from './maintenance-order';

export async function maintenanceOrderWorkflow(input: MaintenanceOrderInput): Promise<MaintenanceOrderResult> {
  const order = new MaintenanceOrder(input);
  setHandler(maintenanceStatusQuery, () => order.status());
  setHandler(assignEngineerUpdate, (request) => order.assign(request), {
    validator: (request: AssignEngineerRequest) => order.validateAssign(request),
  });
  setHandler(recordVisitUpdate, (request) => order.recordVisit(request), {
    validator: (request: RecordVisitRequest) => order.validateVisit(request),
  });
  await order.open();
  await order.run();
  await condition(allHandlersFinished);
  return order.result();
}
