/** Environment variables through which global setup hands the running stack to the test files. */
export const TEST_ENV = {
  temporalAddress: 'TEST_TEMPORAL_ADDRESS',
  testServerPath: 'TEMPORAL_TEST_SERVER_PATH',
  databaseUrl: 'TEST_DATABASE_URL',
  databaseKind: 'TEST_DATABASE_KIND',
} as const;

interface Stack {
  stop(): Promise<void>;
}

const KEY = '__complaintTestStack__';

export function setStack(stack: Stack): void {
  (globalThis as Record<string, unknown>)[KEY] = stack;
}

export function getStack(): Stack | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as Stack | undefined;
}

/** The running stack as a test file sees it; throws when global setup did not run. */
export function testStack() {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\``);
    return value;
  };
  return {
    temporalAddress: read(TEST_ENV.temporalAddress),
    testServerPath: read(TEST_ENV.testServerPath),
    databaseUrl: read(TEST_ENV.databaseUrl),
    databaseKind: read(TEST_ENV.databaseKind) as 'server' | 'embedded',
  };
}
