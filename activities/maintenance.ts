/**
 * Preventive maintenance activities: the visits due (installed base, in pages), a maintenance order's row and
 * its steps, the engineer matched from the department directory (region and qualification, as on-site
 * service), the visit with the next due date written back to the installed base, and the order's emails
 * through the outbox (once per order, event and recipient).
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  maintenanceOrderId,
  maintenanceSubject,
  type DueVisit,
  type MaintenanceCustomer,
  type MaintenanceEngineer,
  type MaintenanceVisit,
} from '../domain/maintenance-contract';
import { localDate } from '../domain/maintenance/rules';
import type { Language } from '../domain/registration';
import type { Actor } from '../domain/roles';
import { matchEngineer } from '../domain/engineer-matching';
import { resolveMailboxes } from '../infra/directory';
import { permanentDatabaseFailure, type ActivityDeps } from './deps';
import { renderMaintenanceEmail, MAINTENANCE_EVENTS, type MaintenanceEvent } from '../mail/maintenance-mail';
import { deliverThroughOutbox, type DeliveryOutcome } from '../mail/outbox';

/** A date column (`@db.Date`) as YYYY-MM-DD. */
export const dateOnly = (value: Date) => value.toISOString().slice(0, 10);
/** YYYY-MM-DD as a date column's value. */
export const asDate = (value: string) => new Date(`${value}T00:00:00Z`);

/** A step of an order as its workflow records it, with the row's copy of where it stands. */
export interface RecordMaintenanceInput {
  orderId: string;
  action: string;
  actor: Actor;
  data: unknown;
  at: string;
  state: string;
  engineer?: string;
  noticeSentAt?: string;
  escalationLevel: number;
  statusLine: string;
}

type Event = { action: string; actor: Actor; data: unknown; at: string };

/** Preventive maintenance's activities, by what they do; the names are the activities' names. */
export function createMaintenanceActivities(deps: ActivityDeps) {
  return {
    ...createDueVisitActivities(deps),
    ...createMaintenanceOrderActivities(deps),
    ...createMaintenanceMailActivities(deps),
  };
}

/** An installed-base row due for a visit, as the query reads it. */
interface DueRow {
  serial: string;
  customer_name: string;
  customer_email: string;
  customer_language: string;
  region: string;
  address: string | null;
  product_model: string;
  interval_months: number;
  next_due_on: Date;
}

/** A due unit's order input (the order's ID from the contract). */
function dueVisit(r: DueRow): DueVisit {
  const dueDate = dateOnly(r.next_due_on);
  const customer: MaintenanceCustomer = {
    name: r.customer_name,
    email: r.customer_email,
    language: r.customer_language as Language,
    region: r.region,
    ...(r.address ? { address: r.address } : {}),
  };
  return {
    orderId: maintenanceOrderId(r.serial, dueDate),
    serial: r.serial,
    productModel: r.product_model,
    customer,
    intervalMonths: r.interval_months as 6 | 12,
    dueDate,
  };
}

function createDueVisitActivities({ prisma }: ActivityDeps) {
  return {
    /**
     * Active units due by `until` (YYYY-MM-DD) without an order for that due date, after the keyset `after`, by
     * due date and serial: each one's order input (the order's ID from the contract).
     */
    async findDueMaintenance(input: {
      until: string;
      after?: { dueDate: string; serial: string };
      limit: number;
    }): Promise<DueVisit[]> {
      const after = input.after ?? { dueDate: '0001-01-01', serial: '' };
      const rows = await prisma.$queryRaw<DueRow[]>`
        SELECT serial, customer_name, customer_email, customer_language, region, address, product_model,
          interval_months, next_due_on
        FROM installed_base ib
        WHERE active AND next_due_on <= ${input.until}::date
          AND (next_due_on, serial) > (${after.dueDate}::date, ${after.serial})
          AND NOT EXISTS (SELECT 1 FROM maintenance_order o WHERE o.serial = ib.serial AND o.due_on = ib.next_due_on)
        ORDER BY next_due_on, serial
        LIMIT ${input.limit}`;
      return rows.map(dueVisit);
    },
  };
}

/** Appends a step to the order's events (once per action and time: a retry adds nothing) with `data`. */
async function appendEvent(
  { prisma }: ActivityDeps,
  orderId: string,
  event: Event,
  data: Record<string, unknown>,
): Promise<void> {
  const row = await prisma.maintenanceOrder.findUnique({ where: { orderId }, select: { events: true } });
  if (!row)
    throw ApplicationFailure.nonRetryable(`maintenance order ${orderId} is not in the database`, 'OrderNotFound');
  const events = row.events as unknown as Event[];
  const known = events.some((e) => e.action === event.action && e.at === event.at);
  await prisma.maintenanceOrder.update({
    where: { orderId },
    data: { ...data, ...(known ? {} : { events: [...events, event] as object[] }) },
  });
}

/** The order's row, its steps and its visit. */
function createMaintenanceOrderActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /** Writes the order's row (once) and matches the engineer of the region qualified for the product. */
    async openMaintenanceOrder(input: {
      orderId: string;
      serial: string;
      dueDate: string;
      region: string;
      productModel: string;
      statusLine: string;
    }): Promise<{ engineer?: MaintenanceEngineer }> {
      try {
        await prisma.maintenanceOrder.upsert({
          where: { orderId: input.orderId },
          create: {
            orderId: input.orderId,
            serial: input.serial,
            dueOn: asDate(input.dueDate),
            state: 'awaiting_engineer',
            statusLine: input.statusLine,
            openedAt: deps.now(),
          },
          update: {},
        });
      } catch (error) {
        throw permanentDatabaseFailure(error, input.orderId);
      }
      const engineer = matchEngineer(deps.directory.engineers, input.region, input.productModel);
      return engineer ? { engineer } : {};
    },

    /** Records a step of the order and where it stands. */
    async recordMaintenanceOrder(input: RecordMaintenanceInput): Promise<void> {
      const { orderId, action, actor, data, at } = input;
      await appendEvent(
        deps,
        orderId,
        { action, actor, data, at },
        {
          state: input.state,
          engineer: input.engineer ?? null,
          noticeSentAt: input.noticeSentAt ? new Date(input.noticeSentAt) : null,
          escalationLevel: input.escalationLevel,
          statusLine: input.statusLine,
        },
      );
    },

    /** The visit on the order, and the installed base's next due date and last visit, in one transaction. */
    async recordMaintenanceVisit(input: {
      orderId: string;
      serial: string;
      actor: Actor;
      visit: MaintenanceVisit;
      nextDueDate: string;
      statusLine: string;
    }): Promise<void> {
      const visitedAt = new Date(input.visit.visitedAt);
      await appendEvent(
        deps,
        input.orderId,
        { action: 'visitRecorded', actor: input.actor, data: input.visit, at: input.visit.visitedAt },
        {
          state: 'visited',
          engineer: input.visit.engineer,
          visitedAt,
          visit: input.visit,
          nextDueOn: asDate(input.nextDueDate),
          statusLine: input.statusLine,
        },
      );
      const order = await prisma.maintenanceOrder.findUniqueOrThrow({ where: { orderId: input.orderId } });
      // only the visit of the due date the unit still has moves it on (an older order recorded late does not)
      await prisma.installedBase.updateMany({
        where: { serial: input.serial, nextDueOn: order.dueOn },
        data: {
          nextDueOn: asDate(input.nextDueDate),
          lastVisitOn: asDate(localDate(visitedAt.getTime(), deps.timeZone)),
          updatedAt: deps.now(),
        },
      });
    },
  };
}

/** The order's emails through the outbox. */
function createMaintenanceMailActivities(deps: ActivityDeps) {
  return {
    /** An email of the order to the customer or to staff mailboxes (roles, departments, `engineer:<name>`). */
    async notifyMaintenance(input: {
      orderId: string;
      event: string;
      key: string;
      to: string[] | 'customer';
      customer: MaintenanceCustomer;
      values: Record<string, string | undefined>;
    }): Promise<{ sent: number; unknown: string[] }> {
      if (!(MAINTENANCE_EVENTS as readonly string[]).includes(input.event))
        throw ApplicationFailure.nonRetryable(`no maintenance email ${input.event}`, 'UnknownEvent');
      const event = input.event as MaintenanceEvent;
      const { recipients, unknown } =
        input.to === 'customer'
          ? { recipients: [{ email: input.customer.email, language: input.customer.language }], unknown: [] }
          : resolveMailboxes(deps.directory, input.to);
      if (unknown.length) deps.logger.warn({ orderId: input.orderId, unknown }, 'no mailbox in the directory');
      let sent = 0;
      for (const recipient of recipients) {
        const outcome: DeliveryOutcome = await deliverThroughOutbox(deps, {
          complaintNumber: null,
          about: maintenanceSubject(input.orderId),
          event: input.key,
          recipient: recipient.email,
          language: recipient.language,
          ...renderMaintenanceEmail(event, recipient.language, input.values),
        });
        if (outcome === 'sent') sent += 1;
      }
      return { sent, unknown };
    },
  };
}

/** The activity interface the maintenance workflows proxy (registered beside the complaint's by the worker). */
export type MaintenanceActivities = ReturnType<typeof createMaintenanceActivities>;
