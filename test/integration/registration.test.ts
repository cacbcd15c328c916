import request from 'supertest';
import { complaintWorkflowId, searchAttributes } from '../../domain/complaint-contract';
import { eventually, readComplaint, registrationBody, startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

test('registers a complaint, starts its workflow, mails the acknowledgement and reports the live stage', async () => {
  const body = registrationBody({ customer: { name: 'Wang Fang', email: 'wang.fang@example.com', language: 'zh-CN' } });
  const created = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(body)
    .expect(201);
  const number: string = created.body.number;
  expect(number).toMatch(/^\d{6}-\d{3,}$/);
  expect(created.headers.location).toBe(`/api/v1/complaints/${number}`);
  expect(created.body.workflowId).toBe(complaintWorkflowId(number));

  const mail = await h.catcher.waitFor((m) => m.subject.includes(number) && m.to.includes('wang.fang@example.com'));
  expect(mail.to).toEqual(['wang.fang@example.com']);
  expect(mail.subject).toBe(`您的投诉已受理（编号 ${number}）`);
  expect(mail.text).toContain('Wang Fang');
  expect(mail.html).toContain('<html lang="zh-CN">');
  expect(mail.headers['x-complaint-number']).toBe(number);

  const detail = await eventually(async () => {
    const res = await request(h.app)
      .get(`/api/v1/complaints/${number}`)
      .set('Authorization', h.as('customer_service'))
      .expect(200);
    const stored = await h.prisma.complaint.findUnique({ where: { number } });
    return stored?.stage === 'triage' && res.body.acknowledgedAt ? res.body : undefined;
  });
  expect(detail.stage).toBe('triage');
  expect(detail.registration.product.model).toBe(body.product.model);
  const { live } = await readComplaint(h, number);
  expect(live.history.map((e) => e.stage)).toEqual(['registered', 'triage']);

  const stored = await h.prisma.complaint.findUniqueOrThrow({ where: { number } });
  expect(stored.stage).toBe('triage');
  const outbox = await h.prisma.outboxEmail.findMany({
    where: { complaintNumber: number, recipient: 'wang.fang@example.com' },
  });
  expect(outbox).toHaveLength(1);
  expect(outbox[0]).toMatchObject({ event: 'acknowledgement', status: 'sent', attempts: 1 });
  // the workflow's input names its procedure (the Web UI opens on the registration, not on the whole profile)
  const history = await h.temporal.workflow.getHandle(complaintWorkflowId(number)).fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const input = JSON.parse(Buffer.from(payload!.data!).toString('utf8')) as Record<string, unknown>;
  expect(input.profile).toBeUndefined();
  expect(input.profileRef).toMatchObject({ id: 'industrial-fault', hash: stored.profileHash });
  expect(Buffer.from(payload!.data!).length).toBeLessThan(2_000);
  // the audit names the member of staff who registered it, not the system
  const registeredBy = await h.prisma.auditEntry.findFirstOrThrow({
    where: { complaintNumber: number, action: 'register' },
  });
  expect(registeredBy).toMatchObject({
    actorRole: 'customer_service',
    actorId: expect.stringMatching(/^customer_service-/),
  });

  // the search attributes are published once the registration step is carried out
  const description = await eventually(async () => {
    const d = await h.temporal.workflow.getHandle(complaintWorkflowId(number)).describe();
    return d.typedSearchAttributes.get(searchAttributes.stage) === 'triage' ? d : undefined;
  });
  expect(description.typedSearchAttributes.get(searchAttributes.complaintNumber)).toBe(number);
  expect(description.typedSearchAttributes.get(searchAttributes.customer)).toBe('Wang Fang');
  expect(description.typedSearchAttributes.get(searchAttributes.stage)).toBe('triage');
  expect(description.typedSearchAttributes.get(searchAttributes.batch)).toBe(body.product.batchNumber);
});

test('an English-speaking customer is written to in English', async () => {
  const body = registrationBody({ customer: { name: 'Acme Pumps', email: 'buyer@acme.example', language: 'en' } });
  const { body: created } = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(body)
    .expect(201);
  const mail = await h.catcher.waitFor(
    (m) => m.subject.includes(created.number) && m.to.includes('buyer@acme.example'),
  );
  expect(mail.subject).toBe(`We have received your complaint (no. ${created.number})`);
  expect(mail.text).toContain('Dear Acme Pumps');
});

test('the same Idempotency-Key returns the same complaint and sends one email', async () => {
  const body = registrationBody();
  const key = `req-${Date.now()}-abc`;
  const first = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .set('Idempotency-Key', key)
    .send(body)
    .expect(201);
  const again = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .set('Idempotency-Key', key)
    .send(body)
    .expect(200);
  expect(again.body.number).toBe(first.body.number);
  await h.catcher.waitFor((m) => m.subject.includes(first.body.number));
  expect(await h.prisma.complaint.count({ where: { requestKey: { endsWith: `:${key}` } } })).toBe(1);
  // registration carried out (the stored stage is written after the registration mails): a second
  // workflow could not have started under the same ID, and the first has sent all it will send
  await eventually(async () => {
    const stored = await h.prisma.complaint.findUnique({ where: { number: first.body.number } });
    return stored?.stage === 'triage' ? true : undefined;
  });
  expect(
    h.catcher.messages.filter((m) => m.subject.includes(first.body.number) && m.to.includes(body.customer.email)),
  ).toHaveLength(1);
});

test('an Idempotency-Key belongs to its caller and binds the body: another body 422, another staff member a new complaint', async () => {
  const body = registrationBody();
  const key = `req-${Date.now()}-scoped`;
  const post = (role: 'customer_service' | 'sales', sent: object) =>
    request(h.app).post('/api/v1/complaints').set('Authorization', h.as(role)).set('Idempotency-Key', key).send(sent);
  const first = await post('customer_service', body).expect(201);
  const other = await post('customer_service', { ...body, description: 'a different complaint' }).expect(422);
  expect(other.body.message).toContain('Idempotency-Key');
  const colleague = await post('sales', body).expect(201);
  expect(colleague.body.number).not.toBe(first.body.number);
});

test('concurrent requests with one Idempotency-Key create one complaint', async () => {
  const body = registrationBody();
  const key = `req-${Date.now()}-concurrent`;
  const responses = await Promise.all(
    Array.from({ length: 5 }, () =>
      request(h.app)
        .post('/api/v1/complaints')
        .set('Authorization', h.as('customer_service'))
        .set('Idempotency-Key', key)
        .send(body),
    ),
  );
  const numbers = new Set(responses.map((r) => r.body.number));
  expect(numbers.size).toBe(1);
  expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
  expect(await h.prisma.complaint.count({ where: { requestKey: { endsWith: `:${key}` } } })).toBe(1);
});

test('an invalid body is refused with field paths; nothing is stored and no workflow starts', async () => {
  const marker = `Invalid Co ${Date.now()}`;
  const workflowsBefore = (await h.temporal.workflow.count(`TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}'`)).count;
  const res = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send({ customer: { name: marker, email: 'not-an-email' }, product: { model: 'X' }, quantityAffected: 0, extra: 1 })
    .expect(400);
  expect(res.body.error).toBe('validation_failed');
  const paths = res.body.issues.map((i: { path: string }) => i.path);
  expect(paths).toEqual(expect.arrayContaining(['customer.email', 'description', 'quantityAffected', '']));
  // nothing stored, so nothing for the background starter to start later
  expect(await h.prisma.complaint.count({ where: { customerName: marker } })).toBe(0);
  const workflowsAfter = (await h.temporal.workflow.count(`TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}'`)).count;
  expect(workflowsAfter).toBe(workflowsBefore);
});

test('malformed JSON is a 400, an unknown complaint a 404', async () => {
  const bad = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .set('content-type', 'application/json')
    .send('{"customer":')
    .expect(400);
  expect(bad.body.error).toBe('malformed_json');
  const missing = await request(h.app)
    .get('/api/v1/complaints/209901-999')
    .set('Authorization', h.as('customer_service'))
    .expect(404);
  expect(missing.body.message).toContain('209901-999');
  await request(h.app)
    .get('/api/v1/complaints/not-a-number')
    .set('Authorization', h.as('customer_service'))
    .expect(404);
});

test('withdrawing closes the complaint once; a second withdrawal is a 409 with the reason', async () => {
  const { body: created } = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registrationBody())
    .expect(201);
  await h.catcher.waitFor((m) => m.subject.includes(created.number));
  await readComplaint(h, created.number, (live) => live.stage === 'triage');
  await request(h.app)
    .post(`/api/v1/complaints/${created.number}/actions/withdraw`)
    .set('Authorization', h.as('customer_service'))
    .send({})
    .expect(400);
  const closed = await request(h.app)
    .post(`/api/v1/complaints/${created.number}/actions/withdraw`)
    .set('Authorization', h.as('customer_service'))
    .send({ reason: 'replaced by the dealer' })
    .expect(200);
  expect(closed.body.stage).toBe('closed');
  const again = await request(h.app)
    .post(`/api/v1/complaints/${created.number}/actions/withdraw`)
    .set('Authorization', h.as('customer_service'))
    .send({ reason: 'again' })
    .expect(409);
  expect(again.body.message).toContain('closed');
  const customerEmail = (created.registration as { customer: { email: string } }).customer.email;
  // the answer comes first; the withdrawal email right after it
  await h.catcher.waitFor((m) => m.subject.includes(created.number) && m.subject.includes('撤回'));
  const mails = h.catcher.messages.filter((m) => m.subject.includes(created.number) && m.to.includes(customerEmail));
  expect(mails.map((m) => m.subject)).toEqual([
    `您的投诉已受理（编号 ${created.number}）`,
    `您的投诉已撤回（编号 ${created.number}）`,
  ]);
});

test('health and readiness report the real components', async () => {
  await request(h.app).get('/healthz').set('Authorization', h.as('customer_service')).expect(200, { status: 'ok' });
  const ready = await request(h.app).get('/readyz').set('Authorization', h.as('customer_service')).expect(200);
  expect(ready.body.checks).toEqual({ temporal: true, database: true, smtp: true });
});

test('a zh-CN customer reads the severity as the profile names it in Chinese', async () => {
  const created = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registrationBody({ profileId: 'industrial-fault' }))
    .expect(201);
  await request(h.app)
    .post(`/api/v1/complaints/${created.body.number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 'product_fault' })
    .expect(200);
  const assigned = await h.catcher.waitFor(
    (m) => m.subject.includes(created.body.number) && m.subject.includes('已指派负责人'),
  );
  expect(assigned.text).toContain('级别：一般');
  expect(assigned.text).not.toContain('general');
});

test('a customer name as long as allowed, in Chinese, still starts the workflow (its Web UI summary is cut to fit)', async () => {
  // 200 characters of 3 bytes each: over Temporal's 400-byte summary limit if the summary were not cut
  const name = '上海精密机械制造有限公司'.repeat(17).slice(0, 200);
  const body = registrationBody({ customer: { name, email: 'long.name@example.com', language: 'zh-CN' } });
  const created = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send({ ...body, product: { ...body.product, model: 'M'.repeat(100) } })
    .expect(201);
  expect(created.body.workflowStarted).toBe(true);
  const { live } = await eventually(async () => {
    const read = await readComplaint(h, created.body.number);
    return read.live?.stage === 'triage' ? read : undefined;
  });
  expect(live.stage).toBe('triage');
  const description = await h.temporal.workflow.getHandle(complaintWorkflowId(created.body.number)).describe();
  const summary = (await description.staticSummary()) ?? '';
  expect(summary.startsWith(`Complaint ${created.body.number} — 上海精密机械`)).toBe(true);
  expect(summary.endsWith('…')).toBe(true);
  expect(Buffer.byteLength(JSON.stringify(summary))).toBeLessThanOrEqual(400);
});

test("the seeds' registration fields are validated, kept on the record and listed in the staff notice (004 §5.1.1, 003 §2.1.1)", async () => {
  const bad = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('sales'))
    .send(registrationBody({ profileId: 'cr-mp25', defectRate: 120, listKind: 'broken', quantitySold: -1 }))
    .expect(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(
    expect.arrayContaining(['defectRate', 'listKind', 'quantitySold']),
  );
  const expectedBy = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const body = registrationBody({
    profileId: 'cr-mp25',
    customer: {
      name: 'Zhou Min',
      email: 'zhou.min@example.com',
      language: 'zh-CN',
      address: '上海市浦东新区张江路 88 号',
    },
    product: { model: 'PSU-48', batchNumber: 'W2611', purchaseDate: '2025-03-01', warrantyStatus: 'in' },
    impact: 'line 2 stopped for half a day',
    expectedResolutionBy: expectedBy,
    listKind: 'on_site_repair',
    defectRate: 2.5,
    quantitySold: 1200,
  });
  const created = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('sales'))
    .send(body)
    .expect(201);
  const number: string = created.body.number;
  const { registration } = await readComplaint(h, number);
  expect(registration).toMatchObject({
    customer: { address: '上海市浦东新区张江路 88 号' },
    impact: 'line 2 stopped for half a day',
    expectedResolutionBy: expectedBy,
    listKind: 'on_site_repair',
    defectRate: 2.5,
    quantitySold: 1200,
  });
  // the quality manager's notice (its mailbox reads Chinese) lists them
  const notice = await h.catcher.waitFor(
    (m) => m.subject.includes(`[新投诉] ${number}`) && m.to.includes('quality-manager@example.com'),
  );
  for (const line of [
    '投诉类别：需现场维修不良',
    '客户地址：上海市浦东新区张江路 88 号',
    '影响程度：line 2 stopped for half a day',
    '不良率：2.5%',
    '已销售数量：1200',
    '购买日期：2025年3月1日',
    '客户期望解决时间：',
  ])
    expect(notice.text).toContain(line);
});
