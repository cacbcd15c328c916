/**
 * The rules preventive maintenance runs by (seed 003 §1.2 定期维护, §3.1 预防性维护): a visit every 6 or 12
 * months to inspect, clean and calibrate. The seed gives the interval and the checklist only; the lead time,
 * the notice, the visit window and the overdue ladder are ours, documented in docs/maintenance.md. An order
 * keeps the settings it started with (they travel in its input).
 */
import type { MaintenanceSettings } from '../maintenance-contract';
import { afterSalesProfile } from '../profiles/p003-after-sales';

export const MAINTENANCE_SETTINGS: MaintenanceSettings = {
  source: 'seed 003 §1.2, §3.1 (interval 6 months / 1 year; inspect, clean, calibrate)',
  leadDays: 14,
  noticeDaysBefore: 7,
  noticeHour: 9,
  visitWithinDays: 7,
  // like the 003 profile's ladder (service supervisor, then general manager), in days: a visit is not urgent
  escalation: [
    { afterDays: 0, notify: ['department_head', 'after_sales'] },
    { afterDays: 3, notify: ['general_manager'] },
  ],
  callAheadMinutes: afterSalesProfile.dispatch?.callAheadMinutes ?? 30,
  dispatchTo: ['department_head', 'after_sales'],
  // 003 §2.2.1: the service supervisor dispatches; as the complaint's dispatchEngineer
  assignRoles: ['department_head', 'customer_service', 'technical_support'],
  // as the complaint's recordProcessing: the engineer's side records the visit
  visitRoles: ['repair', 'technical_support'],
};
