/**
 * Says which workflow patches may be retired (workflows/patches.ts › the rule): for each, how many workflows
 * started before it are still running.
 *   npm run patches
 * Uses TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE (TEMPORAL_API_KEY, TEMPORAL_TLS), nothing else.
 */
import { loadTemporalConfig } from '../infra/config';
import { connectClient } from '../infra/temporal-connection';
import { PATCHES } from '../workflows/patches';
import { runCommand } from './cli';
import { patchRetirement } from './patch-retirement';

async function main(): Promise<number> {
  const client = await connectClient(loadTemporalConfig());
  try {
    for (const row of await patchRetirement(client, PATCHES))
      process.stdout.write(
        `${row.id.padEnd(30)} introduced ${row.introduced}  open before it: ${String(row.openBefore).padStart(6)}  ${row.mayDeprecate ? 'may be deprecated' : 'keep'}\n`,
      );
    return 0;
  } finally {
    await client.connection.close();
  }
}

runCommand(main);
