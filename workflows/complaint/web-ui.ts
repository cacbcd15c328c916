/**
 * What a manager reads of a complaint in the Temporal Web UI as its current details: what it is, where it
 * stands, what it waits for and from whom, its clocks, its corrective actions and recalls (markdown).
 */
import { isRunning, type Deadline } from '../../domain/clocks';
import { actionTakerNames, openActions } from '../../domain/complaint/actions';
import { pendingAsks } from '../../domain/complaint/customer-asks';
import type { ComplaintState } from '../../domain/complaint/state';
import { localTime, statusLine } from '../../domain/complaint/status';
import { clockName, ROLE_NAMES, unitName } from '../../domain/labels';
import type { Profile } from '../../domain/profile-schema';
import { fitDetails } from '../../domain/ui-summary';

const words = (s: string) =>
  s.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);

function clockLine(clock: Deadline, profile: Profile): string {
  const state = clock.breachedAt ? '**overdue**' : clock.pausedAt ? 'paused' : 'running';
  return `- ${clockName(clock.name).en}: due ${localTime(clock.dueAt, profile)} — ${state}`;
}

/** Who may act now, and the customer's answers the complaint waits for. */
function waitingFor(state: ComplaintState, profile: Profile): string[] {
  const takers = actionTakerNames(profile, state.type);
  const actions = openActions(state, profile).map(
    (open) => `${words(open.action)} (${takers[open.action] ?? open.roles.map((r) => ROLE_NAMES[r].en).join(', ')})`,
  );
  const asks = pendingAsks(state).map(
    (ask) => `the customer's answer: ${words(ask.purpose)} (link open until ${localTime(ask.expiresAt, profile)})`,
  );
  return [...asks, ...actions];
}

/** The current details of a complaint. */
export function complaintDetails(state: ComplaintState, profile: Profile): string {
  const type = profile.complaintTypes.find((t) => t.id === state.type)?.label.en ?? 'not classified yet';
  const severity = profile.severities.find((s) => s.id === state.severity)?.label.en ?? state.severity;
  const department = state.department ? (unitName(profile, state.department)?.en ?? state.department) : 'none yet';
  const waits = waitingFor(state, profile);
  const clocks = state.deadlines.filter(isRunning);
  const lines = [
    `**Complaint ${state.number}** — ${profile.name.en}, version ${profile.version}`,
    '',
    `**Now:** ${statusLine(state, profile)}`,
    '',
    `**Waits for:** ${waits.length ? waits.join('; ') : 'nothing: finished'}`,
    '',
    `**Type:** ${type}; **severity:** ${severity}; **department:** ${department}; **owners:** ${state.ownerRoles.map((r) => ROLE_NAMES[r].en).join(', ') || 'none yet'}; **escalation level:** ${state.escalationLevel}`,
  ];
  if (clocks.length) lines.push('', '**Clocks:**', '', ...clocks.map((c) => clockLine(c, profile)));
  if (state.correctiveActions.length)
    lines.push(
      '',
      `**Corrective actions:** ${state.correctiveActions.map((c) => c.progress?.line ?? `${c.number} — opening`).join('; ')}`,
    );
  if (state.recalls.length)
    lines.push('', `**Recalls:** ${state.recalls.map((r) => r.number ?? `#${r.seq} opening`).join(', ')}`);
  if (state.closeReason) lines.push('', `**Closed:** ${state.closeReason}`);
  return fitDetails(lines.join('\n'));
}
