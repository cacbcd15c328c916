/** Closing a recall by hand, tracing it again: who may, when, with what. */
import type { CloseRecallRequest, RecallProgress } from '../recall-contract';
import type { Actor } from '../roles';
import type { RecallSection } from './profile-section';

export interface Refusal {
  type: 'StageConflict' | 'Forbidden' | 'InvalidAction';
  message: string;
}

/** Why tracing again is refused now (undefined: allowed). */
export function checkRetraceRecall(
  progress: RecallProgress,
  settings: RecallSection,
  actor: Actor,
): Refusal | undefined {
  if (actor.role !== 'admin' && !settings.decidedBy.includes(actor.role))
    return {
      type: 'Forbidden',
      message: `a recall is traced again by ${settings.decidedBy.join(', ')}, not by ${actor.role}`,
    };
  if (progress.phase === 'closed')
    return { type: 'StageConflict', message: `the recall was closed: ${progress.closeReason}` };
  if (progress.phase !== 'monitoring')
    return { type: 'StageConflict', message: 'the consignees are still being traced or notified' };
  return undefined;
}

/** Why a close is refused now (undefined: allowed). */
export function checkCloseRecall(
  progress: RecallProgress,
  settings: RecallSection,
  request: CloseRecallRequest,
): Refusal | undefined {
  const { actor, reason } = request;
  if (actor.role !== 'admin' && !settings.decidedBy.includes(actor.role))
    return {
      type: 'Forbidden',
      message: `a recall is closed by ${settings.decidedBy.join(', ')}, not by ${actor.role}`,
    };
  if (typeof reason !== 'string' || !reason.trim() || reason.length > 5_000)
    return { type: 'InvalidAction', message: 'reason: a text of 1 to 5,000 characters' };
  if (progress.phase === 'closed')
    return { type: 'StageConflict', message: `the recall was closed: ${progress.closeReason}` };
  if (progress.phase !== 'monitoring')
    return { type: 'StageConflict', message: 'the notices are still being sent; close it once they are out' };
  return undefined;
}
