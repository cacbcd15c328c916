import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import {
  encodeSearchAttributeIndexedValueType,
  type SearchAttributeKey,
  type SearchAttributeType,
} from '@temporalio/common/lib/search-attributes';
import { NativeConnection } from '@temporalio/worker';
import { ALL_SEARCH_ATTRIBUTES } from '../domain/all-search-attributes';
import type { Config } from './config';
import type { Logger } from './logger';

function connectionOptions(config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_API_KEY' | 'TEMPORAL_TLS'>) {
  return {
    address: config.TEMPORAL_ADDRESS,
    apiKey: config.TEMPORAL_API_KEY,
    tls: config.TEMPORAL_TLS ?? Boolean(config.TEMPORAL_API_KEY),
  };
}

/**
 * A Temporal client for the API (starts workflows, sends updates, runs queries). It retries an unavailable
 * server for about a second, not the SDK's default ~20 s: a request answers 503 with Retry-After promptly,
 * and the caller (or the start sweep) retries, with the same Idempotency-Key.
 */
export async function connectClient(
  config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_API_KEY' | 'TEMPORAL_TLS' | 'TEMPORAL_NAMESPACE'>,
): Promise<Client> {
  const connection = await Connection.connect({
    ...connectionOptions(config),
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))],
  });
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

/** Search attribute keys as the operator service takes them (name → indexed value type). */
export function indexedTypes(keys: Array<SearchAttributeKey<SearchAttributeType>> = ALL_SEARCH_ATTRIBUTES) {
  return Object.fromEntries(keys.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]));
}

/**
 * Registers the complaint and corrective-action search attributes the namespace lacks, so a cluster set up before an attribute was
 * added (ComplaintNeedsAttention) does not fail the workflows that set it. Where the operator service is not
 * allowed (Temporal Cloud), it says which attributes to add by hand and goes on.
 */
export async function ensureSearchAttributes(
  connection: Pick<NativeConnection, 'operatorService'>,
  namespace: string,
  logger: Logger,
): Promise<string[]> {
  const wanted = ALL_SEARCH_ATTRIBUTES;
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = wanted.filter((key) => !(key.name in (customAttributes ?? {})));
    if (!missing.length) return [];
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: indexedTypes(missing) });
    logger.info({ added: missing.map((k) => k.name) }, 'search attributes registered');
    return missing.map((k) => k.name);
  } catch (error) {
    logger.warn(
      { err: error, needed: wanted.map((k) => `${k.name}=${k.type}`) },
      'could not check the search attributes; register any missing ones with `temporal operator search-attribute create`',
    );
    return [];
  }
}
