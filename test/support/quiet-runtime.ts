import { DefaultLogger, Runtime } from '@temporalio/worker';

// Keep the SDK's own logs to warnings so test output stays readable.
Runtime.install({ logger: new DefaultLogger('WARN') });
