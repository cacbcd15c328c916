/**
 * The complaint's pinned profile. Older inputs carry it whole; newer ones name it (`profileRef`, so the Web UI
 * opens on the registration, not on the procedure) and the workflow loads it by an activity first. An action
 * sent meanwhile must not be refused for want of a handler (the SDK rejects an update no handler takes), so
 * until the real handlers are set, holding handlers accept each action and pass it on once they are.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities';
import { ACTION_NAMES, type ActionName } from '../../domain/complaint/actions';
import {
  actionUpdates,
  statusQuery,
  type ActionRequest,
  type ComplaintStatus,
  type ComplaintWorkflowInput,
} from '../../domain/complaint-contract';
import type { Profile } from '../../domain/profile-schema';
import { databaseActivityOptions, withSummary } from '../activity-options';

const profiles = proxyActivities<ComplaintActivities>(databaseActivityOptions);

type ActionHandler = (request: ActionRequest) => Promise<ComplaintStatus>;

/** Holds the actions sent while the profile loads; each is taken by its real handler once that is set. */
export class ActionGate {
  private readonly handlers = new Map<ActionName, ActionHandler>();
  private open = false;

  constructor() {
    for (const name of ACTION_NAMES)
      setHandler(actionUpdates[name], async (request) => {
        await condition(() => this.open);
        return this.handlers.get(name)!(request);
      });
    setHandler(statusQuery, () => {
      throw new Error('the complaint is loading its procedure');
    });
  }

  /** The real handler of an action (set with `setHandler` too, for the actions still to come). */
  pass(name: ActionName, handler: ActionHandler): void {
    this.handlers.set(name, handler);
  }

  /** Every real handler is set: the held actions go on. */
  openGate(): void {
    this.open = true;
  }
}

/** The profile the complaint runs under, and the gate that held actions while it loaded (none: carried whole). */
export async function pinnedProfile(input: ComplaintWorkflowInput): Promise<{ profile: Profile; gate?: ActionGate }> {
  if (input.profile) return { profile: input.profile };
  const gate = new ActionGate();
  const ref = input.profileRef!;
  const profile = await profiles.loadPinnedProfile.executeWithOptions(
    withSummary(databaseActivityOptions, `load procedure ${ref.id} v${ref.version}`),
    [ref],
  );
  return { profile, gate };
}
