/**
 * One maintenance order as the workflow (order.workflow.ts) runs it: its state, the staff's answers, the
 * notice and escalations on the clock, and the activities each of them calls. Rules live in domain/maintenance.
 */
import { ApplicationFailure, condition, proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { MaintenanceActivities } from '../../activities/maintenance';
import { ENGINEER_MAILBOX } from '../../domain/complaint/state';
import type {
  AssignEngineerRequest,
  MaintenanceOrderInput,
  MaintenanceOrderResult,
  MaintenanceStatus,
  MaintenanceVisit,
  RecordVisitRequest,
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

/** One order's state and what happens to it; the workflow function only wires handlers and runs it. */
export class MaintenanceOrder {
  readonly state: MaintenanceState = { phase: 'awaiting_engineer', escalationLevel: 0 };
  /** Effects of the answers given, carried out in order by the main loop. */
  private readonly queue: Array<() => Promise<void>> = [];
  private readonly timeline: ReturnType<typeof timelineOf>;

  constructor(private readonly input: MaintenanceOrderInput) {
    this.timeline = timelineOf(input);
  }

  private get settings() {
    return this.input.settings;
  }

  line(): string {
    return maintenanceStatusLine(this.state, this.input, Date.now());
  }

  status(): MaintenanceStatus {
    const { state, input, timeline } = this;
    return {
      orderId: input.orderId,
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
      statusLine: this.line(),
      openActions: openActions(state, this.settings),
    };
  }

  validateAssign(request: AssignEngineerRequest): void {
    refuse(checkAssign(this.state, this.settings, request));
  }

  /** The engineer assigned by staff: told behind the answer. */
  assign(request: AssignEngineerRequest): MaintenanceStatus {
    this.validateAssign(request);
    this.state.engineer = engineerSchema().parse(request.engineer);
    this.state.phase = 'scheduled';
    this.queue.push(() => this.dispatched(request.actor));
    return this.status();
  }

  validateVisit(request: RecordVisitRequest): void {
    refuse(checkVisit(this.state, this.input, request, Date.now()));
  }

  /** The visit recorded: stored with the next due date and the customer told, behind the answer. */
  recordVisit(request: RecordVisitRequest): MaintenanceStatus {
    this.validateVisit(request);
    const { state, input } = this;
    const visit: MaintenanceVisit = { ...request.visit, engineer: request.visit.engineer ?? state.engineer!.name };
    state.visit = visit;
    state.phase = 'visited';
    state.nextDueDate = nextDueDate(localDate(Date.parse(visit.visitedAt), input.timeZone), input.intervalMonths);
    this.queue.push(async () => {
      await db.recordMaintenanceVisit.executeWithOptions(
        withSummary(databaseActivityOptions, `record visit; next due ${state.nextDueDate}`),
        [
          {
            orderId: input.orderId,
            serial: input.serial,
            actor: request.actor,
            visit,
            nextDueDate: state.nextDueDate!,
            statusLine: this.line(),
          },
        ],
      );
      await this.email('visit_done', 'customer');
    });
    return this.status();
  }

  /** Opens the order's row; the engineer the directory names is told at once, else dispatch is asked. */
  async open(): Promise<void> {
    const { input, state } = this;
    const opened = await db.openMaintenanceOrder.executeWithOptions(
      withSummary(
        databaseActivityOptions,
        `open order; engineer of region ${input.customer.region} for ${input.productModel}`,
      ),
      [
        {
          orderId: input.orderId,
          serial: input.serial,
          dueDate: input.dueDate,
          region: input.customer.region,
          productModel: input.productModel,
          statusLine: this.line(),
        },
      ],
    );
    if (opened.engineer && !state.engineer) {
      state.engineer = opened.engineer;
      state.phase = 'scheduled';
      await this.dispatched(SYSTEM);
    } else if (!state.engineer) await this.email('no_engineer', this.settings.dispatchTo);
  }

  /** Until the visit is recorded and its effects done: answers' effects, the notice, escalations, waits. */
  async run(): Promise<void> {
    while (this.state.phase !== 'visited' || this.queue.length > 0) {
      this.showDetails();
      const next = this.queue.shift();
      if (next) await next();
      else await this.actOnClock();
    }
    this.showDetails();
  }

  result(): MaintenanceOrderResult {
    const { state } = this;
    return {
      orderId: this.input.orderId,
      visit: state.visit!,
      nextDueDate: state.nextDueDate!,
      escalationLevel: state.escalationLevel,
    };
  }

  private showDetails(): void {
    setCurrentDetails(maintenanceDetails(this.state, this.input, this.timeline, Date.now()));
  }

  /** The customer's notice or the next escalation when due; else a wait for the next of them or an answer. */
  private async actOnClock(): Promise<void> {
    const { state, timeline, settings } = this;
    const due = dueNow(state, timeline, Date.now());
    if (due.notice) {
      state.noticeSentAt = new Date().toISOString();
      await this.email('visit_notice', 'customer');
      await this.record('customerNotified');
    } else if (due.level) {
      state.escalationLevel = due.level;
      await this.email('visit_overdue', settings.escalation[due.level - 1]!.notify, `visit_overdue:${due.level}`);
      await this.record('escalated', SYSTEM, { level: due.level });
    } else {
      const wake = due.wakeAt;
      const woken = () => this.queue.length > 0;
      if (wake === undefined) await condition(woken);
      else
        await condition(woken, Math.max(0, wake - Date.now()), {
          summary: maintenanceTimerSummary(state, this.input, timeline, wake),
        });
    }
  }

  private async dispatched(actor: Actor): Promise<void> {
    const engineer = this.state.engineer!.name;
    await this.record('engineerAssigned', actor, { engineer: this.state.engineer });
    await this.email('engineer_visit', [`${ENGINEER_MAILBOX}${engineer}`], `engineer_visit:${engineer}`);
  }

  private record(action: string, actor: Actor = SYSTEM, data: unknown = {}) {
    const { state } = this;
    const line = this.line();
    return db.recordMaintenanceOrder.executeWithOptions(
      withSummary(databaseActivityOptions, `record ${action} (${line})`),
      [
        {
          orderId: this.input.orderId,
          action,
          actor,
          data,
          at: new Date().toISOString(),
          state: state.phase,
          engineer: state.engineer?.name,
          noticeSentAt: state.noticeSentAt,
          escalationLevel: state.escalationLevel,
          statusLine: line,
        },
      ],
    );
  }

  private email(event: string, to: string[] | 'customer', key: string = event) {
    const who = to === 'customer' ? 'customer' : recipientsOnce(to);
    return mail.notifyMaintenance.executeWithOptions(
      withSummary(mailActivityOptions, `email ${who}: maintenance ${event.replace(/_/g, ' ')}`),
      [{ orderId: this.input.orderId, event, key, to, customer: this.input.customer, values: this.emailValues() }],
    );
  }

  /** What the maintenance emails fill in (mail/maintenance-mail.ts). */
  private emailValues(): Record<string, string | undefined> {
    const { input, state, settings } = this;
    return {
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
    };
  }
}
