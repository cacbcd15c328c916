import { ConfigError, DEVELOPMENT_CUSTOMER_LINK_SECRET, loadConfig } from '../../infra/config';

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

describe('customer links', () => {
  const secret = 'a-secret-of-this-deployment-0123456789';

  test('run on a clearly named development secret and a local base URL by default', () => {
    const config = loadConfig({
      ...valid,
      CUSTOMER_LINK_SECRET: undefined,
      CUSTOMER_LINK_PREVIOUS_SECRETS: undefined,
      PUBLIC_BASE_URL: undefined,
      NODE_ENV: 'test',
    });
    expect(config.CUSTOMER_LINK_SECRET).toBe(DEVELOPMENT_CUSTOMER_LINK_SECRET);
    expect(DEVELOPMENT_CUSTOMER_LINK_SECRET).toMatch(/development/);
    expect(config.CUSTOMER_LINK_PREVIOUS_SECRETS).toEqual([]);
    expect(config.PUBLIC_BASE_URL).toBe('http://localhost:3000');
  });

  test('take a secret, the previous ones of a rotation (comma-separated) and the public URL', () => {
    const config = loadConfig({
      ...valid,
      CUSTOMER_LINK_SECRET: secret,
      CUSTOMER_LINK_PREVIOUS_SECRETS:
        ' old-secret-number-one-0123456789abcdef , old-secret-number-two-0123456789abcdef,',
      PUBLIC_BASE_URL: 'https://complaints.example.com',
    });
    expect(config.CUSTOMER_LINK_SECRET).toBe(secret);
    expect(config.CUSTOMER_LINK_PREVIOUS_SECRETS).toEqual([
      'old-secret-number-one-0123456789abcdef',
      'old-secret-number-two-0123456789abcdef',
    ]);
    expect(config.PUBLIC_BASE_URL).toBe('https://complaints.example.com');
  });

  test('a short secret, a short previous secret or a base URL that is not http(s) is named', () => {
    const found = problems({
      ...valid,
      CUSTOMER_LINK_SECRET: 'too-short',
      CUSTOMER_LINK_PREVIOUS_SECRETS: `${secret},short`,
      PUBLIC_BASE_URL: 'ftp://complaints.example.com',
    });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/CUSTOMER_LINK_SECRET: must be at least 32 characters/);
    expect(found.join('\n')).toMatch(/CUSTOMER_LINK_PREVIOUS_SECRETS\.1: must be at least 32 characters/);
    expect(found.join('\n')).toMatch(/PUBLIC_BASE_URL: must be an http/);
    expect(problems({ ...valid, PUBLIC_BASE_URL: 'not a url' })).toEqual([expect.stringMatching(/^PUBLIC_BASE_URL: /)]);
    // the secrets themselves never appear in the message
    expect(found.join('\n')).not.toContain('too-short');
  });

  test('in production the development secret is refused with a clear message; a real one is taken', () => {
    expect(problems({ ...valid, NODE_ENV: 'production', CUSTOMER_LINK_SECRET: undefined })).toEqual([
      expect.stringMatching(
        /^CUSTOMER_LINK_SECRET: must be set to a secret of this deployment when NODE_ENV is production/,
      ),
    ]);
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(/forge customer links/);
    expect(
      problems({ ...valid, NODE_ENV: 'production', CUSTOMER_LINK_SECRET: DEVELOPMENT_CUSTOMER_LINK_SECRET }),
    ).toHaveLength(1);
    expect(
      problems({
        ...valid,
        NODE_ENV: 'production',
        CUSTOMER_LINK_SECRET: secret,
        CUSTOMER_LINK_PREVIOUS_SECRETS: DEVELOPMENT_CUSTOMER_LINK_SECRET,
      }),
    ).toHaveLength(1);
    expect(problems({ ...valid, NODE_ENV: 'production', CUSTOMER_LINK_SECRET: secret })).toEqual([]);
  });
});
