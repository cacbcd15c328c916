/** Which workflow code a worker loads: the prebuilt bundle only while it is newer than what it was made of. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workflowCode } from '../../worker/workflow-bundle';

test('the bundle beside the worker when it is current; the sources when it is missing or older than any of them', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
  const worker = path.join(root, 'worker');
  const deep = path.join(root, 'domain', 'complaint');
  for (const dir of [worker, deep, path.join(root, 'workflows')]) fs.mkdirSync(dir, { recursive: true });
  const at = (file: string, seconds: number) => {
    fs.writeFileSync(file, '');
    fs.utimesSync(file, seconds, seconds);
  };
  at(path.join(root, 'workflows', 'index.js'), 1_000);
  at(path.join(deep, 'status.js'), 1_000);
  expect(workflowCode(worker)).toHaveProperty('workflowsPath'); // no bundle yet
  at(path.join(worker, 'workflow-bundle.js.bundle'), 2_000);
  expect(workflowCode(worker)).toEqual({
    workflowBundle: { codePath: path.join(worker, 'workflow-bundle.js.bundle') },
  });
  at(path.join(deep, 'status.js'), 3_000); // a domain file compiled after the bundle was made
  expect(workflowCode(worker)).toHaveProperty('workflowsPath');
  fs.rmSync(root, { recursive: true });
});
