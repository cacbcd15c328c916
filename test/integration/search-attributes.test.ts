import { NativeConnection } from '@temporalio/worker';
import { ALL_SEARCH_ATTRIBUTES } from '../../domain/all-search-attributes';
import { createLogger } from '../../infra/logger';
import { ensureSearchAttributes } from '../../infra/temporal-connection';
import { eventually } from '../support/eventually';
import { freshNamespace } from '../support/namespace';
import { testStack } from '../support/stack-registry';

test('a worker registers the search attributes a namespace lacks, once', async () => {
  const connection = await NativeConnection.connect({ address: testStack().temporalAddress });
  try {
    // a namespace of its own stands for a cluster set up before the newer attributes existed
    const namespace = await freshNamespace(connection, 'sa');
    const logger = createLogger('silent');
    const added = await eventually(
      () => ensureSearchAttributes(connection, namespace, logger).then((names) => (names.length ? names : undefined)),
      30_000,
    );
    expect(added.sort()).toEqual(ALL_SEARCH_ATTRIBUTES.map((k) => k.name).sort());
    const listed = await connection.operatorService.listSearchAttributes({ namespace });
    expect(Object.keys(listed.customAttributes ?? {})).toEqual(expect.arrayContaining(added));
    expect(await ensureSearchAttributes(connection, namespace, logger)).toEqual([]);
  } finally {
    await connection.close();
  }
});
