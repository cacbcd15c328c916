/** Bad input over HTTP: a clear 4xx every time, and nothing stored or wedged. */
import request from 'supertest';
import zlib from 'node:zlib';
import { openApiDocument } from '../../api/openapi';
import { registerComplaint, registrationBody, startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const post = (path: string) => request(h.app).post(path).set('Authorization', h.as('customer_service'));

test('a NUL byte or a lone surrogate in any text is a 400 naming the field; the complaint goes on', async () => {
  const number = await registerComplaint(h);
  for (const note of ['a\u0000b', 'a\ud800b', 'a\udc00b']) {
    const res = await post(`/api/v1/complaints/${number}/actions/escalate`)
      .set('Authorization', h.as('quality_manager'))
      .send({ reason: 'safety_issue', note })
      .expect(400);
    expect(res.body.issues).toEqual([{ path: 'note', message: expect.stringContaining('control character') }]);
  }
  const marker = `Nul Co ${Date.now()}`;
  const refused = await post('/api/v1/complaints')
    .send(registrationBody({ customer: { name: marker, email: 'nul@example.com' }, description: 'x\u0000y' }))
    .expect(400);
  expect(refused.body.issues[0].path).toBe('description');
  expect(await h.prisma.complaint.count({ where: { customerName: marker } })).toBe(0);
  // the complaint is not wedged: the next action goes through
  const classified = await post(`/api/v1/complaints/${number}/actions/classify`)
    .send({ type: 'product_fault', note: 'emoji are fine: \ud83d\ude00' })
    .expect(200);
  expect(classified.body.stage).toBe('validity_check');
});

interface Parameter {
  in: string;
  name: string;
}
/** Every operation of the API with its query and path parameters, from the OpenAPI document. */
const OPERATIONS = Object.entries(openApiDocument().paths).flatMap(([template, methods]) =>
  Object.entries(methods as Record<string, { parameters?: Parameter[] }>).map(([method, op]) => ({
    method,
    template,
    parameters: (op.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path'),
  })),
);

/** A request of `method` to `url` as an admin. */
const asAdmin = (method: string, url: string) =>
  request(h.app)[method as 'get'](url).set('Authorization', h.as('admin'));

/** The operation's URL with `value` in parameter `name` and a plain value in every other path parameter. */
function urlWith(template: string, name: string, where: string, value: string): string {
  const path = template.replace(/\{(\w+)\}/g, (_m, p: string) =>
    where === 'path' && p === name ? value : p === 'month' ? '2026-01' : '1',
  );
  return where === 'query' ? `${path}?${name}=${value}` : path;
}

test('every query and path parameter of every operation: NUL or a control character is a 400 naming it, never a 500', async () => {
  const found: string[] = [];
  const expected: string[] = [];
  for (const { method, template, parameters } of OPERATIONS.filter((o) => o.template.startsWith('/api/v1/')))
    for (const { in: where, name } of parameters)
      for (const value of ['a%00b', '%01', 'x%7F']) {
        const res = await asAdmin(method, urlWith(template, name, where, value));
        found.push(`${method} ${template} ${where}.${name}=${value}: ${res.status} ${res.body.issues?.[0]?.path}`);
        expected.push(`${method} ${template} ${where}.${name}=${value}: 400 ${name}`);
      }
  expect(found).toEqual(expected);
  expect(found.length).toBeGreaterThan(150);
});

test('overlong values and broken escapes in every query and path parameter: a 4xx or an answer, never a 5xx', async () => {
  const statuses: string[] = [];
  for (const { method, template, parameters } of OPERATIONS.filter((o) => o.template.startsWith('/api/v1/')))
    for (const { in: where, name } of parameters)
      for (const value of ['x'.repeat(8_000), '%ED%A0%80', '%E4%B8', '\u{1F600}'.repeat(500)]) {
        const res = await asAdmin(method, urlWith(template, name, where, encodeURI(value).replaceAll('%25', '%')));
        if (res.status >= 500) statuses.push(`${method} ${template} ${where}.${name}: ${res.status}`);
      }
  expect(statuses).toEqual([]);
});

test('bodies: too large 413, not JSON 415, unknown encoding or charset 415, never a 500', async () => {
  const big = await post('/api/v1/complaints')
    .set('content-type', 'application/json')
    .send(JSON.stringify(registrationBody({ description: 'x'.repeat(2_000_000) })));
  expect([big.status, big.body.error]).toEqual([413, 'payload_too_large']);
  const text = await post('/api/v1/complaints')
    .set('content-type', 'text/plain')
    .send(JSON.stringify(registrationBody()));
  expect([text.status, text.body.error]).toEqual([415, 'unsupported_media_type']);
  const gzip = await post('/api/v1/complaints')
    .set('content-type', 'application/json')
    .set('content-encoding', 'gzip')
    .send(zlib.gzipSync(JSON.stringify(registrationBody())));
  expect(gzip.status).toBe(415);
  const charset = await post('/api/v1/complaints')
    .set('content-type', 'application/json; charset=latin-9000')
    .send(JSON.stringify(registrationBody()));
  expect(charset.status).toBe(415);
});

test('implausible registrations are 400 with field paths: huge quantities, year 0, javascript: links', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ quantityAffected: 2_147_483_648 }, 'quantityAffected'],
    [{ quantityAffected: 1e15 }, 'quantityAffected'],
    [{ product: { model: 'X', purchaseDate: '0000-01-01' } }, 'product.purchaseDate'],
    [{ attachments: [{ name: 'x', url: 'javascript:alert(1)' }] }, 'attachments.0.url'],
  ];
  for (const [override, path] of cases) {
    const res = await post('/api/v1/complaints').send(registrationBody(override));
    expect({ path, status: res.status, paths: res.body.issues?.map((i: { path: string }) => i.path) }).toEqual({
      path,
      status: 400,
      paths: [path],
    });
  }
});
