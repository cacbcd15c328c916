import { ConfigError, loadConfig } from '../../infra/config';

const valid = {
  DATABASE_URL: 'postgresql://app@db:5432/complaints',
  SMTP_URL: 'smtp://mail:1025',
};

function problems(overrides: Record<string, string | undefined>): string[] {
  try {
    loadConfig(overrides);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

test('defaults fill everything but the database and SMTP addresses', () => {
  const config = loadConfig({
    ...valid,
    API_PORT: undefined,
    TEMPORAL_ADDRESS: undefined,
    TEMPORAL_TASK_QUEUE: undefined,
  });
  expect(config).toMatchObject({
    API_PORT: 3000,
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'complaints',
    COMPLAINT_TIMEZONE: 'Asia/Shanghai',
  });
});

test('a missing setting is named', () => {
  expect(problems({ ...valid, DATABASE_URL: '' })).toEqual(['DATABASE_URL: required but not set']);
});

test('every malformed setting is named with what is wrong', () => {
  const found = problems({
    ...valid,
    SMTP_URL: 'http://mail',
    API_PORT: '70000',
    COMPLAINT_TIMEZONE: 'Mars/Olympus',
    TEMPORAL_TLS: 'maybe',
  });
  expect(found).toHaveLength(4);
  expect(found.join('\n')).toMatch(/SMTP_URL: must be an smtp/);
  expect(found.join('\n')).toMatch(/API_PORT: /);
  expect(found.join('\n')).toMatch(/COMPLAINT_TIMEZONE: not an IANA time zone/);
  expect(found.join('\n')).toMatch(/TEMPORAL_TLS: /);
});

test('the error message lists the problems one per line', () => {
  expect(() => loadConfig({ ...valid, SMTP_URL: 'ftp://x' })).toThrow(/Invalid configuration:\n {2}- SMTP_URL/);
});
