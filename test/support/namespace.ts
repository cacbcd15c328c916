import { randomUUID } from 'node:crypto';
import Long from 'long';

interface HasWorkflowService {
  workflowService: { registerNamespace(request: object): Promise<unknown> };
}

/** A namespace of the test's own on the test stack's Temporal (nothing else's workflows or attributes in it). */
export async function freshNamespace(connection: HasWorkflowService, prefix: string): Promise<string> {
  const namespace = `${prefix}-${randomUUID().slice(0, 8)}`;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(86_400) },
  });
  return namespace;
}
