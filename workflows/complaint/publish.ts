/** What managers see in the Web UI: search attributes kept current and what it is, where it stands and what it waits for as current details. */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { patched, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { isOverdue } from '../../domain/clocks';
import { searchAttributes, type ComplaintWorkflowInput } from '../../domain/complaint-contract';
import type { ComplaintState } from '../../domain/complaint/state';
import { nextDue } from '../../domain/complaint/status';
import type { Profile } from '../../domain/profile-schema';
import { PATCHES } from '../patches';
import { complaintDetails } from './web-ui';

/** The attributes a complaint is found by that never change. */
export function publishIdentity(input: ComplaintWorkflowInput): void {
  upsertSearchAttributes([
    { key: searchAttributes.complaintNumber, value: input.number },
    { key: searchAttributes.customer, value: input.customerName },
    { key: searchAttributes.productModel, value: input.productModel },
    ...(input.batchNumber ? [{ key: searchAttributes.batch, value: input.batchNumber }] : []),
  ]);
}

/** Stage, severity, deadlines and escalation as search attributes. */
function attributes(state: ComplaintState, profile: Profile): SearchAttributeUpdatePair[] {
  const next = nextDue(state);
  const pairs: SearchAttributeUpdatePair[] = [
    { key: searchAttributes.stage, value: state.stage },
    { key: searchAttributes.severity, value: state.severity },
    { key: searchAttributes.profile, value: profile.id },
    { key: searchAttributes.overdue, value: isOverdue(state.deadlines) },
    { key: searchAttributes.nextDeadline, value: next ? new Date(next.dueAt) : null },
    { key: searchAttributes.escalationLevel, value: state.escalationLevel },
  ];
  if (state.type) pairs.push({ key: searchAttributes.type, value: state.type });
  if (state.department) pairs.push({ key: searchAttributes.department, value: state.department });
  // complaints that needed attention before the attribute existed replay without it
  if (state.needsAttention && patched(PATCHES.needsAttentionAttribute.id))
    pairs.push({ key: searchAttributes.needsAttention, value: true });
  return pairs;
}

/**
 * Keeps the search attributes and the status line (current details) up to date. Only attributes that changed
 * are sent: each upsert is a command and a visibility write on the server, and most steps (an email sent, a
 * record written) change none. Complaints started before this sent them all every time, and still do.
 */
export function createPublisher(): (state: ComplaintState, profile: Profile) => void {
  const sent = new Map<string, string>();
  let changesOnly: boolean | undefined;
  const changed = (pair: SearchAttributeUpdatePair) => {
    const value = JSON.stringify(pair.value);
    if (sent.get(pair.key.name) === value) return false;
    sent.set(pair.key.name, value);
    return true;
  };
  return (state, profile) => {
    changesOnly ??= patched(PATCHES.publishChangesOnly.id);
    const pairs = attributes(state, profile);
    const fresh = changesOnly ? pairs.filter(changed) : pairs;
    if (fresh.length) upsertSearchAttributes(fresh);
    setCurrentDetails(complaintDetails(state, profile));
  };
}
