/**
 * One preventive-maintenance visit (seed 003 §1.2, §3.1), started by the daily due-visits run: the engineer of
 * the customer's region qualified for the product (department directory) is told, with the call-ahead; the
 * customer is told ahead; the engineer's side records the visit with its checklist and the customer's signed
 * confirmation, and the installed base gets its next due date; a visit not recorded by its deadline escalates
 * level by level until it is. Rules live in domain/maintenance; this file only orchestrates.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setCurrentDetails,
  setHandler,
} from '@temporalio/workflow';
import type { MaintenanceActivities } from '../../activities/maintenance';
import { ENGINEER_MAILBOX } from '../../domain/complaint/state';
import {
  assignEngineerUpdate,
  maintenanceStatusQuery,
  recordVisitUpdate,
  type MaintenanceOrderInput,
  type MaintenanceOrderResult,
  type MaintenanceStatus,
  type MaintenanceVisit,
} from '../../domain/maintenance-contract';
import {
  addDays,
  checkAssign,
  checkVisit,
  dueNow,
  engineerSchema,
  localDate,
  maintenanceStatusLine,
  nextDueDate,
  openActions,
  timelineOf,
  type MaintenanceRefusal,
  type MaintenanceState,
} from '../../domain/maintenance/rules';
import type { Actor } from '../../domain/roles';
import { databaseActivityOptions, mailActivityOptions, withSummary } from '../activity-options';
import { recipientsOnce } from '../../domain/ui-summary';
import { maintenanceDetails, maintenanceTimerSummary } from './web-ui';

const db = proxyActivities<MaintenanceActivities>(databaseActivityOptions);
const mail = proxyActivities<MaintenanceActivities>(mailActivityOptions);
const SYSTEM: Actor = { id: 'system', role: 'admin' };

function refuse(refusal: MaintenanceRefusal | undefined): void {
  if (refusal) throw ApplicationFailure.create({ ...refusal, nonRetryable: true });
}

export async function maintenanceOrderWorkflow(input: MaintenanceOrderInput): Promise<MaintenanceOrderResult> {
  const { orderId, settings } = input;
  const timeline = timelineOf(input);
  const state: MaintenanceState = { phase: 'awaiting_engineer', escalationLevel: 0 };
  /** Effects of the answers given, carried out in order by the main loop. */
  const queue: Array<() => Promise<void>> = [];
  const line = () => maintenanceStatusLine(state, input, Date.now());
  const details = () => maintenanceDetails(state, input, timeline, Date.now());

  const status = (): MaintenanceStatus => ({
    orderId,
    serial: input.serial,
    dueDate: input.dueDate,
    phase: state.phase,
    engineer: state.engineer,
    noticeAt: new Date(timeline.noticeAt).toISOString(),
    noticeSentAt: state.noticeSentAt,
    deadline: new Date(timeline.deadline).toISOString(),
    overdue: state.phase !== 'visited' && Date.now() >= timeline.deadline,
    escalationLevel: state.escalationLevel,
    visit: state.visit,
    nextDueDate: state.nextDueDate,
    statusLine: line(),
    openActions: openActions(state, settings),
  });

  const record = (action: string, actor: Actor = SYSTEM, data: unknown = {}) =>
    db.recordMaintenanceOrder.executeWithOptions(withSummary(databaseActivityOptions, `record ${action} (${line()})`), [
      {
        orderId,
        action,
        actor,
        data,
        at: new Date().toISOString(),
        state: state.phase,
        engineer: state.engineer?.name,
        noticeSentAt: state.noticeSentAt,
        escalationLevel: state.escalationLevel,
        statusLine: line(),
      },
    ]);

  const email = (event: string, to: string[] | 'customer', key: string = event) =>
    mail.notifyMaintenance.executeWithOptions(
      withSummary(
        mailActivityOptions,
        `email ${to === 'customer' ? 'customer' : recipientsOnce(to)}: maintenance ${event.replace(/_/g, ' ')}`,
      ),
      [
        {
          orderId,
          event,
          key,
          to,
          customer: input.customer,
          values: {
            serial: input.serial,
            product: input.productModel,
            customer: input.customer.name,
            region: input.customer.region,
            where: [input.customer.region, input.customer.address].filter(Boolean).join(' '),
            dueDate: input.dueDate,
            lastDay: addDays(input.dueDate, settings.visitWithinDays),
            engineer: state.engineer?.name,
            callAhead: String(settings.callAheadMinutes),
            level: String(state.escalationLevel),
            levels: String(settings.escalation.length),
            visitedAt: state.visit && localDate(Date.parse(state.visit.visitedAt), input.timeZone),
            signedBy: state.visit?.signedBy,
            nextDue: state.nextDueDate,
          },
        },
      ],
    );

  const dispatched = async (actor: Actor) => {
    await record('engineerAssigned', actor, { engineer: state.engineer });
    await email(
      'engineer_visit',
      [`${ENGINEER_MAILBOX}${state.engineer!.name}`],
      `engineer_visit:${state.engineer!.name}`,
    );
  };

  setHandler(maintenanceStatusQuery, status);
  const validateAssign = (request: Parameters<typeof checkAssign>[2]) => refuse(checkAssign(state, settings, request));
  setHandler(
    assignEngineerUpdate,
    (request) => {
      validateAssign(request);
      state.engineer = engineerSchema().parse(request.engineer);
      state.phase = 'scheduled';
      queue.push(() => dispatched(request.actor));
      return status();
    },
    { validator: validateAssign },
  );
  const validateVisit = (request: Parameters<typeof checkVisit>[2]) =>
    refuse(checkVisit(state, input, request, Date.now()));
  setHandler(
    recordVisitUpdate,
    (request) => {
      validateVisit(request);
      const visit: MaintenanceVisit = { ...request.visit, engineer: request.visit.engineer ?? state.engineer!.name };
      state.visit = visit;
      state.phase = 'visited';
      state.nextDueDate = nextDueDate(localDate(Date.parse(visit.visitedAt), input.timeZone), input.intervalMonths);
      queue.push(async () => {
        await db.recordMaintenanceVisit.executeWithOptions(
          withSummary(databaseActivityOptions, `record visit; next due ${state.nextDueDate}`),
          [
            {
              orderId,
              serial: input.serial,
              actor: request.actor,
              visit,
              nextDueDate: state.nextDueDate!,
              statusLine: line(),
            },
          ],
        );
        await email('visit_done', 'customer');
      });
      return status();
    },
    { validator: validateVisit },
  );

  const opened = await db.openMaintenanceOrder.executeWithOptions(
    withSummary(
      databaseActivityOptions,
      `open order; engineer of region ${input.customer.region} for ${input.productModel}`,
    ),
    [
      {
        orderId,
        serial: input.serial,
        dueDate: input.dueDate,
        region: input.customer.region,
        productModel: input.productModel,
        statusLine: line(),
      },
    ],
  );
  if (opened.engineer && !state.engineer) {
    state.engineer = opened.engineer;
    state.phase = 'scheduled';
    await dispatched(SYSTEM);
  } else if (!state.engineer) await email('no_engineer', settings.dispatchTo);

  while (state.phase !== 'visited' || queue.length > 0) {
    setCurrentDetails(details());
    const next = queue.shift();
    if (next) {
      await next();
      continue;
    }
    const due = dueNow(state, timeline, Date.now());
    if (due.notice) {
      state.noticeSentAt = new Date().toISOString();
      await email('visit_notice', 'customer');
      await record('customerNotified');
    } else if (due.level) {
      state.escalationLevel = due.level;
      await email('visit_overdue', settings.escalation[due.level - 1]!.notify, `visit_overdue:${due.level}`);
      await record('escalated', SYSTEM, { level: due.level });
    } else {
      const wake = due.wakeAt;
      const woken = () => queue.length > 0;
      if (wake === undefined) await condition(woken);
      else
        await condition(woken, Math.max(0, wake - Date.now()), {
          summary: maintenanceTimerSummary(state, input, timeline, wake),
        });
    }
  }
  setCurrentDetails(details());
  await condition(allHandlersFinished);
  return { orderId, visit: state.visit!, nextDueDate: state.nextDueDate!, escalationLevel: state.escalationLevel };
}
