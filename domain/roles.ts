/** Staff roles (SPEC §1). */
export const ROLES = [
  'customer_service',
  'sales',
  'technical_support',
  'quality_manager',
  'repair',
  'department_head',
  'general_manager',
  'admin',
] as const;

/** One staff role. */
export type Role = (typeof ROLES)[number];

/** Someone taking an action: a staff member with a role. */
export interface Actor {
  id: string;
  role: Role;
}

/** The customer answering for themselves through a signed link (issue 12): not a staff role. */
export interface CustomerActor {
  /** `customer-link:<link id>` */
  id: string;
  role: 'customer';
}

/** Whoever takes a step: staff, or the customer by link. */
export type Party = Actor | CustomerActor;

/** The system taking a step of its own (timers, registration). */
export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'admin' };

/** Who starts what a step starts (a child process): its staff member, or the system for the customer's answer. */
export const starter = (party: Party): Actor => (party.role === 'customer' ? SYSTEM_ACTOR : party);
