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
