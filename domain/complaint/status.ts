/** What the complaint says of itself: the status query, its one-line summary, the values mails quote. */
import { calendarMissingNote, isOverdue, withCalendarNote, type Deadline } from '../clocks';
import type { ComplaintStatus } from '../complaint-contract';
import { joined, label, localized, ROLE_NAMES, STAGE_NAMES, unitName, type Label } from '../labels';
import type { Profile } from '../profile-schema';
import { STAGE_LABELS } from '../stages';
import { actionRoles, actionTakerNames, openActions } from './actions';
import { customerCarLine } from './actions/corrective';
import { pendingAsks } from './customer-asks';
import { localTime } from '../local-time';
import type { ComplaintState } from './state';

/** SLA deadlines still running, soonest first. */
export function runningDeadlines(state: ComplaintState): Deadline[] {
  return state.deadlines.filter((d) => !d.metAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** The next deadline that is running and not paused. */
export function nextDue(state: ComplaintState): Deadline | undefined {
  return runningDeadlines(state).find((d) => !d.pausedAt);
}

export { localTime } from '../local-time';

/** "awaiting customer confirmation — answer due 2026-12-03 14:00". */
export function statusLine(state: ComplaintState, profile: Profile): string {
  const line = stageLine(state, profile);
  return state.needsAttention ? `NEEDS ATTENTION (${state.needsAttention}) — ${line}` : line;
}

function stageLine(state: ComplaintState, profile: Profile): string {
  const stage = STAGE_LABELS[state.stage];
  if (state.clocksPaused) return `${stage} — clocks paused (${state.clocksPaused.reason.replace(/_/g, ' ')})`;
  const next = nextDue(state);
  if (!next) return stage;
  const late = next.breachedAt ? ' (OVERDUE)' : '';
  const note = calendarMissingNote(next, profile.calendar);
  return `${stage} — ${next.name.replace(/_/g, ' ')} due ${localTime(next.dueAt, profile)}${late}${note}`;
}

/** The status query's answer. */
export function complaintStatus(state: ComplaintState, profile: Profile, profileHash: string): ComplaintStatus {
  return {
    number: state.number,
    profile: { id: profile.id, version: profile.version, hash: profileHash },
    receivedAt: state.receivedAt,
    stage: state.stage,
    statusLine: statusLine(state, profile),
    severity: state.severity,
    severityReasons: state.severityReasons,
    type: state.type,
    department: state.department,
    ownerRoles: state.ownerRoles,
    warranty: state.warranty,
    serviceMode: state.serviceMode,
    objectionRounds: state.objectionRounds,
    openActions: openActions(state, profile),
    actionRoles: actionRoles(state, profile),
    actionTakers: actionTakerNames(profile, state.type),
    deadlines: runningDeadlines(state).map((d) => withCalendarNote(d, profile.calendar)),
    clocksPaused: state.clocksPaused,
    overdue: isOverdue(state.deadlines),
    escalationLevel: state.escalationLevel,
    history: state.history.slice(-30),
    closeReason: state.closeReason,
    reopenedAs: state.reopenedAs,
    needsAttention: state.needsAttention,
    recalls: state.recalls.map((r) => ({ ...r })),
    openAsks: pendingAsks(state).map((a) => ({ ...a })),
    correctiveActions: state.correctiveActions.map((c) => ({
      number: c.number,
      openedAt: c.openedAt,
      phase: c.progress?.phase ?? 'opening',
      line: c.progress?.line ?? `${c.number} — opening`,
    })),
  };
}

/** The satisfaction scale as the customer is asked it: "1–10", or the profile's levels. */
function scaleOf(profile: Profile): Label {
  const { satisfaction } = profile;
  if (satisfaction.kind === 'score') {
    const range = `${satisfaction.min}–${satisfaction.max}`;
    return { 'zh-CN': range, en: range };
  }
  const labels = satisfaction.levels.map((l) => l.label);
  return { 'zh-CN': labels.map((l) => l['zh-CN']).join(' / '), en: labels.map((l) => l.en).join(' / ') };
}

/** The complaint's severity as its profile names it. */
export function severityValues(state: ComplaintState, profile: Profile) {
  return localized('severity', profile.severities.find((s) => s.id === state.severity)?.label);
}

/**
 * Template values only the workflow knows: severity, stage, type, owners and department, next deadline,
 * satisfaction scale, retention — each name as `key@language` (domain/labels.ts), the reader's chosen there.
 */
export function templateValues(state: ComplaintState, profile: Profile, due = nextDue(state)?.dueAt) {
  // '—' when there is no plan yet, as the templates show it, so the email activity need not look it up.
  const plan = state.plan?.summary ?? '—';
  const remedy = state.plan?.customerRemedy.join('; ') ?? '—';
  const type = profile.complaintTypes.find((t) => t.id === state.type)?.label;
  const department = state.department === undefined ? undefined : unitName(profile, state.department);
  return {
    severity: state.severity,
    ...severityValues(state, profile),
    ...localized('stage', STAGE_NAMES[state.stage]),
    ...localized('type', type),
    ...localized('owner', joined(state.ownerRoles.map((r) => ROLE_NAMES[r]))),
    ...localized('department', department),
    ...localized('profile', {
      'zh-CN': `${profile.name['zh-CN']}第${profile.version}版`,
      en: `${profile.name.en}, version ${profile.version}`,
    }),
    ...localized('scale', scaleOf(profile)),
    due,
    retention: String(profile.retentionYears),
    plan,
    remedy,
    suggested: state.plan?.suggestedRemedy.length ? state.plan.suggestedRemedy.join('; ') : undefined,
    deviation: state.plan?.remedyDeviation,
    // 004 §5.3 c): the answer to the customer carries where the corrective action stands
    ...localized('capa', customerCarLine(state)),
    // 000 二(五): the plan says when and who pays
    timing: state.plan?.completeBy,
    ...localized('cost', costLine(state.plan)),
  };
}

const CURRENCY_ZH: Record<string, string> = { CNY: '元', USD: '美元', EUR: '欧元' };

/** Who bears the plan's cost, as the customer reads it. */
function costLine(plan: ComplaintState['plan']): Label | undefined {
  if (!plan) return undefined;
  if (plan.costBorneBy === 'company') return label('由我司承担', 'borne by us');
  const q = plan.quote;
  if (!q) return label('由客户承担', 'paid by you');
  return label(
    `由客户承担，报价 ${q.amount} ${CURRENCY_ZH[q.currency] ?? q.currency}`,
    `paid by you, quoted ${q.amount} ${q.currency}`,
  );
}
