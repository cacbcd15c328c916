import { DefaultLogger, Runtime } from '@temporalio/worker';

// Keep the SDK's own logs to errors (expected activity retries would otherwise flood the output) so test output stays readable.
Runtime.install({ logger: new DefaultLogger('ERROR') });
