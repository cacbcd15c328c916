/** Which patches may be retired: how many workflows started before each patch are still open. */
import type { Client } from '@temporalio/client';
import type { PatchInfo } from '../workflows/patches';

export interface PatchRetirement {
  name: string;
  id: string;
  introduced: string;
  /** Workflows of the patch's type started before it reached main and still running. */
  openBefore: number;
  /** True when no such workflow is open: the old branch may go (`deprecatePatch`, its `before-*` history with it). */
  mayDeprecate: boolean;
}

/** The visibility query of the workflows that may still take a patch's old branch. */
export function openBeforeQuery(patch: PatchInfo): string {
  return `WorkflowType = '${patch.workflow}' AND ExecutionStatus = 'Running' AND StartTime < '${patch.introduced}T00:00:00Z'`;
}

export async function patchRetirement(
  client: Client,
  patches: Record<string, PatchInfo & { id: string }>,
): Promise<PatchRetirement[]> {
  return Promise.all(
    Object.entries(patches).map(async ([name, patch]) => {
      const { count } = await client.workflow.count(openBeforeQuery(patch));
      return { name, id: patch.id, introduced: patch.introduced, openBefore: count, mayDeprecate: count === 0 };
    }),
  );
}
