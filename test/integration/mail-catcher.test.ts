/**
 * The mail catcher (the development stack's SMTP server, the tests' and the soak's) outlives a client that resets
 * its connection mid-session, as a cut network or a killed sender does: the soak's SMTP cut once ended the run.
 * In a process of its own, since an unheard 'error' event ends the process (jest would only print it).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../infra/project-root';

test('connections reset by the client leave the catcher running and catching', async () => {
  const root = projectRoot();
  const child = await promisify(execFile)(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(root, 'test/support/catcher-reset-child.ts')],
    { timeout: 60_000 },
  ).catch((error: { code?: number; stderr?: string }) => ({ stdout: `exit ${error.code}: ${error.stderr}` }));
  expect(child.stdout.trim()).toBe('caught after resets for b@example.com');
}, 90_000);
