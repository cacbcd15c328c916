/**
 * Shipment records (issue 11) over HTTP on the real stack: CSV and JSON imports, every bad line named, all or
 * nothing, idempotent by shipment id; the body limits and roles of the import; the list and its filters.
 */
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import request from 'supertest';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

const HEADER = 'id,customerName,customerEmail,customerLanguage,shipTo,productModel,lot,serial,quantity,shippedAt';

/** A prefix of this test's own shipment ids and lots (the database is shared by every test file). */
const tag = () => `T${randomUUID().slice(0, 8)}`;

const importCsv = (csv: string | Buffer, role: Parameters<Harness['as']>[0] = 'quality_manager', type = 'text/csv') =>
  request(h.app).post('/api/v1/shipments').set('Authorization', h.as(role)).set('Content-Type', type).send(csv);
const importJson = (body: unknown, role: Parameters<Harness['as']>[0] = 'sales') =>
  request(h.app)
    .post('/api/v1/shipments')
    .set('Authorization', h.as(role))
    .send(body as object);
const stored = (prefix: string) => h.prisma.shipment.count({ where: { id: { startsWith: prefix } } });
const badLines = (res: request.Response) => [
  ...new Set((res.body.issues as Array<{ line: number }>).map((i) => i.line)),
];

/** A good line of `id`. */
const line = (id: string, lot: string, quantity = 10) =>
  `${id},Acme Pumps,buyer@acme.example,en,Hangzhou,HX-300,${lot},,${quantity},2026-11-02`;

test('a good CSV is stored line by line (quoted comma, Chinese name, multi-line address); importing it again changes nothing', async () => {
  const t = tag();
  const csv = [
    `\uFEFF${HEADER}`, // Excel's byte order mark
    `${t}-1,"Acme, Ltd",buyer@acme.example,en,"Dock 4, Ningbo",HX-300,${t}-L1,,120,2026-11-02`,
    `${t}-2,张伟,zhang.wei@example.cn,,"上海市浦东新区\r\n张江路 88 号",HX-300,,SN-${t}-0001,1,2026-11-03T09:30:00+08:00`,
    `${t}-3,"Pump ""Works""",ops@pumps.example,zh-CN,Suzhou,LX-9,${t}-L2,SN-${t}-0002,5,2026-10-31`,
    '',
  ].join('\r\n');
  const first = await importCsv(csv).expect(200);
  expect(first.body).toEqual({ received: 3, created: 3, unchanged: 0 });

  const rows = await h.prisma.shipment.findMany({ where: { id: { startsWith: t } }, orderBy: { id: 'asc' } });
  expect(rows.map((r) => [r.id, r.customerName, r.customerLanguage, r.shipTo, r.lot, r.serial, r.quantity])).toEqual([
    [`${t}-1`, 'Acme, Ltd', 'en', 'Dock 4, Ningbo', `${t}-L1`, null, 120],
    [`${t}-2`, '张伟', 'zh-CN', '上海市浦东新区\r\n张江路 88 号', null, `SN-${t}-0001`, 1],
    [`${t}-3`, 'Pump "Works"', 'zh-CN', 'Suzhou', `${t}-L2`, `SN-${t}-0002`, 5],
  ]);
  // a date is the day's start in the company's time zone (Asia/Shanghai); a date-time is that instant
  expect(rows.map((r) => r.shippedAt.toISOString())).toEqual([
    '2026-11-01T16:00:00.000Z',
    '2026-11-03T01:30:00.000Z',
    '2026-10-30T16:00:00.000Z',
  ]);

  const again = await importCsv(csv).expect(200);
  expect(again.body).toEqual({ received: 3, created: 0, unchanged: 3 });
  expect(await stored(t)).toBe(3);
});

test('JSON: an array or { shipments }; items are numbered from 1 in errors', async () => {
  const t = tag();
  const shipment = (id: string) => ({
    id,
    customerName: 'Acme Pumps',
    customerEmail: 'buyer@acme.example',
    shipTo: 'Hangzhou',
    productModel: 'HX-300',
    serial: `SN-${id}`,
    quantity: 2,
    shippedAt: '2026-11-02T08:00:00Z',
  });
  expect((await importJson([shipment(`${t}-1`), shipment(`${t}-2`)]).expect(200)).body).toEqual({
    received: 2,
    created: 2,
    unchanged: 0,
  });
  expect((await importJson({ shipments: [shipment(`${t}-2`), shipment(`${t}-3`)] }).expect(200)).body).toEqual({
    received: 2,
    created: 1,
    unchanged: 1,
  });
  const stored3 = await h.prisma.shipment.findUniqueOrThrow({ where: { id: `${t}-3` } });
  expect([stored3.customerLanguage, stored3.lot, stored3.serial]).toEqual(['zh-CN', null, `SN-${t}-3`]);

  const bad = await importJson([
    shipment(`${t}-4`),
    { ...shipment(`${t}-5`), serial: undefined },
    { ...shipment(`${t}-6`), quantity: 0, customerEmail: 'nobody' },
    { ...shipment(`${t}-7`), note: 'x' },
  ]).expect(400);
  expect(bad.body.error).toBe('validation_failed');
  expect(bad.body.message).toBe('3 items cannot be imported (item 2, 3, 4); nothing of the file was stored');
  expect(bad.body.issues).toEqual([
    { line: 2, path: 'lot', message: 'give a lot or a serial (or both)' },
    { line: 3, path: 'customerEmail', message: 'Invalid email address' },
    { line: 3, path: 'quantity', message: expect.stringContaining('>=1') },
    { line: 4, path: '', message: expect.stringContaining('note') },
  ]);
  expect(await stored(`${t}-4`)).toBe(0);

  const notAList = await importJson({ items: [] }).expect(400);
  expect(notAList.body.issues).toEqual([{ path: '', message: expect.stringContaining('array of shipments') }]);
  const future = await importJson([{ ...shipment(`${t}-8`), shippedAt: '2999-01-01' }]).expect(400);
  expect(future.body.issues).toEqual([{ line: 1, path: 'shippedAt', message: 'is in the future' }]);
});

test('3 bad lines among good ones: 400 naming exactly those lines, and nothing of the file is stored', async () => {
  const t = tag();
  const before = await h.prisma.shipment.count();
  const csv = [
    HEADER, // line 1
    line(`${t}-1`, `${t}-L`), // 2
    `${t}-2,Acme,buyer@acme.example,en,"Gate 1,\nBuilding 2,\nNingbo",HX-300,${t}-L,,3,2026-11-02`, // 3–5
    line(`${t}-3`, `${t}-L`, 0), // 6: quantity 0
    line(`${t}-4`, `${t}-L`), // 7
    `${t}-5,Acme,not-an-email,en,Hangzhou,HX-300,${t}-L,,3,2026-11-02`, // 8
    '', // 9: blank lines are skipped
    line(`${t}-1`, `${t}-L`), // 10: the id of line 2 again
    line(`${t}-6`, `${t}-L`), // 11
  ].join('\n');
  const res = await importCsv(csv).expect(400);
  expect(res.body.error).toBe('validation_failed');
  expect(badLines(res)).toEqual([6, 8, 10]);
  expect(res.body.message).toBe('3 lines cannot be imported (line 6, 8, 10); nothing of the file was stored');
  expect(res.body.issues).toEqual([
    { line: 6, path: 'quantity', message: expect.stringContaining('>=1') },
    { line: 8, path: 'customerEmail', message: 'Invalid email address' },
    { line: 10, path: 'id', message: `shipment ${t}-1 is on line 2 of the file already` },
  ]);
  expect(await stored(t)).toBe(0);
  expect(await h.prisma.shipment.count()).toBe(before);
});

test('lines that cannot be read: wrong field count, NUL bytes, bytes not in UTF-8, a bad header, an unclosed quote', async () => {
  const t = tag();
  const fields = await importCsv(
    [HEADER, line(`${t}-1`, 'L'), `${t}-2,Acme, Ltd,buyer@acme.example,en,x,HX-300,L,,1,2026-11-02`].join('\n'),
  ).expect(400);
  expect(fields.body.issues).toEqual([{ line: 3, path: '', message: expect.stringContaining('has 11 fields') }]);

  const nul = await importCsv([HEADER, line(`${t}-1`, 'L'), line(`${t}-2`, 'L\u0000')].join('\n')).expect(400);
  expect(nul.body.issues).toEqual([{ line: 3, path: 'lot', message: expect.stringContaining('control character') }]);

  // 张伟 in GBK (what Excel on a Chinese Windows saves): read as GBK when the charset says so, refused as UTF-8
  const gbk = (id: string) =>
    Buffer.concat([
      Buffer.from(`${HEADER}\n${id},`),
      Buffer.from([0xd5, 0xc5, 0xce, 0xb0]),
      Buffer.from(`,buyer@acme.example,zh-CN,Shanghai,HX-300,L,,1,2026-11-02\n`),
    ]);
  const garbled = await importCsv(gbk(`${t}-3`)).expect(400);
  expect(garbled.body.issues).toEqual([{ line: 2, path: 'customerName', message: expect.stringContaining('UTF-8') }]);
  await importCsv(gbk(`${t}-3`), 'quality_manager', 'text/csv; charset=gbk').expect(200);
  expect((await h.prisma.shipment.findUniqueOrThrow({ where: { id: `${t}-3` } })).customerName).toBe('张伟');

  const header = await importCsv(`id,name,quantity\n${t}-4,x,1\n`).expect(400);
  expect(header.body.issues.every((i: { line: number }) => i.line === 1)).toBe(true);
  expect(header.body.issues.map((i: { message: string }) => i.message)).toEqual(
    expect.arrayContaining([expect.stringContaining('unknown column "name"'), 'the column customerEmail is missing']),
  );

  const unclosed = await importCsv(
    [
      HEADER,
      line(`${t}-5`, 'L'),
      `${t}-6,"Acme,buyer@acme.example,en,x,HX-300,L,,1,2026-11-02`,
      line(`${t}-7`, 'L'),
    ].join('\n'),
  ).expect(400);
  expect(unclosed.body.issues).toEqual([{ line: 3, path: '', message: expect.stringContaining('Quote Not Closed') }]);
  expect(await stored(t)).toBe(1); // only the GBK one
});

test('an id imported before with other content is refused naming its line; nothing of that file is stored', async () => {
  const t = tag();
  await importCsv([HEADER, line(`${t}-1`, `${t}-L`, 10), line(`${t}-2`, `${t}-L`, 20)].join('\n')).expect(200);
  const res = await importCsv(
    [HEADER, line(`${t}-3`, `${t}-L`), line(`${t}-1`, `${t}-L`, 10), line(`${t}-2`, `${t}-L`, 21)].join('\n'),
  ).expect(400);
  expect(res.body.message).toBe(
    '1 line was imported before with other content (line 4); nothing of the file was stored',
  );
  expect(res.body.issues).toEqual([
    { line: 4, path: 'id', message: `shipment ${t}-2 was imported before with other content` },
  ]);
  expect(await stored(`${t}-3`)).toBe(0);
  expect((await h.prisma.shipment.findUniqueOrThrow({ where: { id: `${t}-2` } })).quantity).toBe(20);
});

test('10,000 lines (over the 1 MB of other bodies) in one import, then again: all unchanged', async () => {
  const t = tag();
  const lines = Array.from(
    { length: 10_000 },
    (_, i) =>
      `${t}-${i},Customer ${i} Manufacturing Co,customer${i}@example.com,en,"Plant ${i}, Industrial Park, Suzhou",HX-300,${t}-L${i % 7},SN-${t}-${i},${(i % 50) + 1},2026-11-02`,
  );
  const csv = [HEADER, ...lines].join('\n');
  expect(Buffer.byteLength(csv)).toBeGreaterThan(1_100_000);
  expect((await importCsv(csv).expect(200)).body).toEqual({ received: 10_000, created: 10_000, unchanged: 0 });
  expect((await importCsv(csv).expect(200)).body).toEqual({ received: 10_000, created: 0, unchanged: 10_000 });
  expect(await stored(`${t}-`)).toBe(10_000);

  // one line changed at the end: the new line at the start (inserted in the first chunk) is rolled back too
  lines[9_999] = lines[9_999]!.replace(',2026-11-02', ',2026-11-01');
  const changed = await importCsv([HEADER, line(`${t}-new`, `${t}-L0`), ...lines].join('\n')).expect(400);
  expect(changed.body.issues).toEqual([
    { line: 10_002, path: 'id', message: `shipment ${t}-9999 was imported before with other content` },
  ]);
  expect(await stored(`${t}-new`)).toBe(0);
}, 120_000);

test('bodies: 415 for text/plain or a content encoding, 413 over 20 MB, 400 without a body; other routes keep 1 MB JSON', async () => {
  const t = tag();
  const csv = [HEADER, line(`${t}-1`, 'L')].join('\n');
  const plain = await importCsv(csv, 'quality_manager', 'text/plain').expect(415);
  expect(plain.body.error).toBe('unsupported_media_type');
  await importCsv(zlib.gzipSync(csv), 'quality_manager', 'text/csv').set('Content-Encoding', 'gzip').expect(415);
  const big = await importCsv(`${HEADER}\n${'x'.repeat(21 * 1024 * 1024)}`);
  expect([big.status, big.body]).toEqual([
    413,
    { error: 'payload_too_large', message: 'the body is larger than 20 MB' },
  ]);
  const empty = await request(h.app).post('/api/v1/shipments').set('Authorization', h.as('sales')).expect(400);
  expect(empty.body.error).toBe('validation_failed');
  expect(await stored(t)).toBe(0);

  // the wider limits are the shipment import's alone
  await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .set('Content-Type', 'text/csv')
    .send(csv)
    .expect(415);
  const bigJson = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ description: 'x'.repeat(1_200_000) }));
  expect(bigJson.status).toBe(413);
});

test('roles: quality manager, sales and admin import and list; customer service 403; no token 401 before the body is read', async () => {
  const t = tag();
  const csv = [HEADER, line(`${t}-1`, 'L')].join('\n');
  const refused = await importCsv(csv, 'customer_service').expect(403);
  expect(refused.body.error).toBe('forbidden');
  await request(h.app).get('/api/v1/shipments').set('Authorization', h.as('customer_service')).expect(403);
  await request(h.app).post('/api/v1/shipments').set('Content-Type', 'text/csv').send(csv).expect(401);
  await request(h.app)
    .post('/api/v1/shipments')
    .set('Content-Type', 'text/csv')
    .send(`${HEADER}\n${'x'.repeat(21 * 1024 * 1024)}`)
    .expect(401);
  expect(await stored(t)).toBe(0);
  await importCsv(csv, 'admin').expect(200);
  await importCsv([HEADER, line(`${t}-2`, 'L')].join('\n'), 'sales').expect(200);
  expect(await stored(t)).toBe(2);
});

test('the list: filtered by lot, serial, product model and customer email, latest shipped first, paged', async () => {
  const t = tag();
  const csv = [
    HEADER,
    `${t}-1,Acme,Buyer@Acme.example,en,Hangzhou,HX-300,${t}-A,,1,2026-11-01`,
    `${t}-2,Acme,buyer@acme.example,en,Hangzhou,HX-300,${t}-A,SN-${t}-2,2,2026-11-03`,
    `${t}-3,Other,other@example.com,en,Suzhou,LX-9,${t}-B,,3,2026-11-02`,
  ].join('\n');
  await importCsv(csv).expect(200);
  const list = (query: Record<string, string>) =>
    request(h.app).get('/api/v1/shipments').query(query).set('Authorization', h.as('sales'));
  const ids = (res: request.Response) => res.body.items.map((i: { id: string }) => i.id);

  const byLot = await list({ lot: `${t}-A` }).expect(200);
  expect(byLot.body.total).toBe(2);
  expect(ids(byLot)).toEqual([`${t}-2`, `${t}-1`]);
  expect(byLot.body.items[0]).toEqual({
    id: `${t}-2`,
    customerName: 'Acme',
    customerEmail: 'buyer@acme.example',
    customerLanguage: 'en',
    shipTo: 'Hangzhou',
    productModel: 'HX-300',
    lot: `${t}-A`,
    serial: `SN-${t}-2`,
    quantity: 2,
    shippedAt: '2026-11-02T16:00:00.000Z',
    importedAt: expect.any(String),
  });
  expect(byLot.headers['cache-control']).toBe('no-store');
  expect(ids(await list({ serial: `SN-${t}-2` }).expect(200))).toEqual([`${t}-2`]);
  expect(ids(await list({ lot: `${t}-B`, productModel: 'LX-9' }).expect(200))).toEqual([`${t}-3`]);
  expect(ids(await list({ lot: `${t}-B`, productModel: 'HX-300' }).expect(200))).toEqual([]);
  expect(ids(await list({ lot: `${t}-A`, customerEmail: 'BUYER@acme.example' }).expect(200))).toEqual([
    `${t}-2`,
    `${t}-1`,
  ]);
  const paged = await list({ lot: `${t}-A`, limit: '1', offset: '1' }).expect(200);
  expect([paged.body.total, ids(paged)]).toEqual([2, [`${t}-1`]]);

  const bad = await list({ limit: '500', colour: 'red' }).expect(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['limit', '']));
  const nul = await list({ lot: 'a\u0000b' }).expect(400);
  expect(nul.body.issues.map((i: { path: string }) => i.path)).toEqual(['lot']);
});
