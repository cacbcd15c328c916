import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config';

function connectionOptions(config: Config) {
  return {
    address: config.TEMPORAL_ADDRESS,
    apiKey: config.TEMPORAL_API_KEY,
    tls: config.TEMPORAL_TLS ?? Boolean(config.TEMPORAL_API_KEY),
  };
}

/** A Temporal client for the API (starts workflows, sends updates, runs queries). */
export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config));
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

/** The native connection a Worker polls with. */
export function connectWorker(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config));
}

/** True when the Temporal frontend answers. */
export async function temporalReachable(client: Client): Promise<boolean> {
  try {
    await client.connection.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  }
}
