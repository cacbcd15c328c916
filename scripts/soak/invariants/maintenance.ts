/**
 * maintenance-once: every maintenance visit the API confirmed (200) is on its order exactly once — the order
 * `visited`, one `visitRecorded` step in its trail — and moved its unit on: the order's and the unit's next due
 * date are the one the answer gave. A retried visit records nothing twice; a unit has one order per due date
 * (a unique key), however often the daily run was triggered.
 */
import type { CheckContext, InvariantOutcome, Violation } from './context';

const INVARIANT = 'maintenance-once';
const day = (date: Date | null | undefined) => date?.toISOString().slice(0, 10) ?? 'none';

export async function maintenanceOnce(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const visits = ctx.log.maintenanceVisits;
  const orders = await ctx.prisma.maintenanceOrder.findMany({
    where: { orderId: { in: visits.map((v) => v.orderId) } },
    select: {
      orderId: true,
      state: true,
      nextDueOn: true,
      events: true,
      installedBase: { select: { nextDueOn: true } },
    },
  });
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  for (const visit of visits) {
    const order = byId.get(visit.orderId);
    const wrong = (detail: string) => violations.push({ invariant: INVARIANT, subject: visit.orderId, detail });
    if (!order) {
      wrong('visit answered 200, but no order row');
      continue;
    }
    const recorded = (order.events as Array<{ action?: string }>).filter((e) => e.action === 'visitRecorded').length;
    if (order.state !== 'visited') wrong(`visit answered 200, the order is ${order.state}`);
    if (recorded !== 1) wrong(`visit answered 200, recorded ${recorded}× in the order's trail`);
    if (day(order.nextDueOn) !== visit.nextDueDate)
      wrong(`the answer said next due ${visit.nextDueDate}, the order says ${day(order.nextDueOn)}`);
    if (day(order.installedBase.nextDueOn) !== visit.nextDueDate)
      wrong(`the answer said next due ${visit.nextDueDate}, the unit says ${day(order.installedBase.nextDueOn)}`);
  }
  return { checked: visits.length, violations };
}
