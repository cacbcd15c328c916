/**
 * Department performance beyond missed deadlines (002 §7): the customer's praise credited to the department that
 * handled the complaint, and an escalated complaint held against it — once per complaint. Recorded as forms;
 * the record activity turns them into performance entries. Only for profiles whose `performance` says so.
 */
import type { ComplaintState } from './state';
import type { Step } from './transitions';

/** What a performance entry of this complaint's department carries. */
export function creditOf(state: Pick<ComplaintState, 'department' | 'ownerRoles'>, note: string) {
  return { department: state.department ?? 'unassigned', owner: state.ownerRoles[0] ?? 'unassigned', note };
}

/** 002 §7.2: the complaint's first escalation counts against its department. */
export function blameEscalation(step: Step, note: string): void {
  const { state, profile } = step;
  if (!profile.performance?.escalationBlame || state.escalationBlamed) return;
  state.escalationBlamed = true;
  step.form('escalation_blame', creditOf(state, note));
}
