import request from 'supertest';
import { complaintWorkflowId } from '../../domain/complaint-contract';
import type { Role } from '../../domain/roles';
import {
  eventually,
  readComplaint,
  registerComplaint,
  registrationBody,
  startHarness,
  type Harness,
} from '../support/harness';
import { SAMPLE_DIAGNOSIS, SAMPLE_PLAN } from '../support/workflow-input';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const register = (overrides: Record<string, unknown> = {}) => registerComplaint(h, overrides);

async function snapshot(number: string) {
  const [row, audit, forms, outbox, live] = await Promise.all([
    h.prisma.complaint.findUniqueOrThrow({ where: { number } }),
    h.prisma.auditEntry.count({ where: { complaintNumber: number } }),
    h.prisma.complaintForm.count({ where: { complaintNumber: number } }),
    h.prisma.outboxEmail.count({ where: { complaintNumber: number } }),
    readComplaint(h, number),
  ]);
  return {
    stage: row.stage,
    severity: row.severity,
    audit,
    forms,
    outbox,
    live: live.live.stage,
    history: live.live.history.length,
  };
}

test('401 without a token or with a wrong one; health, readiness and the OpenAPI document are public', async () => {
  const none = await request(h.app).get('/api/v1/complaints').expect(401);
  expect(none.body.message).toContain('Bearer');
  await request(h.app).get('/api/v1/complaints').set('Authorization', 'Bearer not-a-token').expect(401);
  await request(h.app).post('/api/v1/complaints').send(registrationBody()).expect(401);
  await request(h.app).get('/healthz').expect(200);
  const doc = await request(h.app).get('/api/openapi.json').expect(200);
  expect(doc.body.openapi).toBe('3.1.0');
  expect(doc.body.paths['/api/v1/complaints/{number}/actions/approvePlan'].post.requestBody).toBeDefined();
  expect((await request(h.app).get('/api/docs').expect(200)).text).toContain('/api/v1/complaints');
});

test('400 with field paths, 403 for a wrong role, 404 for unknown things, 409 in the wrong stage — and nothing changes', async () => {
  const number = await register();
  const before = await snapshot(number);

  const bad = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 42, facts: { itemValue: -1 } })
    .expect(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(
    expect.arrayContaining(['type', 'facts.itemValue']),
  );

  const forbidden = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/approvePlan`)
    .set('Authorization', h.as('sales'))
    .send({ approved: true })
    .expect(403);
  expect(forbidden.body.message).toBe('approvePlan may be taken by quality_manager, not by sales');

  const wrongStage = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/approvePlan`)
    .set('Authorization', h.as('quality_manager'))
    .send({ approved: true })
    .expect(409);
  expect(wrongStage.body.message).toBe(
    'approvePlan is not allowed while the complaint is awaiting classification (stage triage)',
  );

  const unknownType = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 'delivery' })
    .expect(400);
  expect(unknownType.body.message).toContain('type must be one of product_fault');

  await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/fly`)
    .set('Authorization', h.as('admin'))
    .send({})
    .expect(404);
  await request(h.app).get('/api/v1/complaints/209912-001').set('Authorization', h.as('admin')).expect(404);
  await request(h.app).get('/api/v1/profiles/nope').set('Authorization', h.as('admin')).expect(404);
  const unknownProfile = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registrationBody({ profileId: 'nope' }))
    .expect(422);
  expect(unknownProfile.body.message).toContain('unknown profile');
  await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('repair'))
    .send(registrationBody())
    .expect(403);

  expect(await snapshot(number)).toEqual(before);
});

test('list and search by customer, severity, stage, department, profile, batch and date; Temporal visibility finds each attribute', async () => {
  const batch = `LIST-${Date.now()}`;
  const customer = `Search Co ${Date.now()}`;
  const number = await register({
    customer: { name: customer, email: 'search@example.com', language: 'en' },
    product: { model: 'LX-9', batchNumber: batch },
  });
  await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 'product_fault', severity: 'serious' })
    .expect(200);

  const q = (query: Record<string, string>) =>
    request(h.app).get('/api/v1/complaints').query(query).set('Authorization', h.as('general_manager')).expect(200);
  const hit = (res: request.Response) => res.body.items.map((i: { number: string }) => i.number);
  expect(hit(await q({ customer: customer.toLowerCase() }))).toEqual([number]);
  // the action is answered before its record reaches the stored row the list reads: wait for it
  const routed = { batch, severity: 'serious', stage: 'validity_check', department: 'technical_support' };
  await eventually(async () => (hit(await q(routed)).length ? true : undefined));
  expect(hit(await q({ ...routed, profile: 'industrial-fault' }))).toEqual([number]);
  expect(hit(await q({ batch, severity: 'general' }))).toEqual([]);
  expect(hit(await q({ batch, from: new Date(Date.now() - 60_000).toISOString(), overdue: 'false' }))).toEqual([
    number,
  ]);
  const badQuery = await request(h.app)
    .get('/api/v1/complaints')
    .query({ limit: 'x' })
    .set('Authorization', h.as('admin'))
    .expect(400);
  expect(badQuery.body.issues[0].path).toBe('limit');

  const queries = [
    `ComplaintNumber = '${number}'`,
    `ComplaintCustomer = '${customer}'`,
    `ComplaintBatch = '${batch}' AND ComplaintProductModel = 'LX-9'`,
    `ComplaintBatch = '${batch}' AND ComplaintSeverity = 'serious' AND ComplaintStage = 'validity_check'`,
    `ComplaintBatch = '${batch}' AND ComplaintType = 'product_fault' AND ComplaintDepartment = 'technical_support'`,
    `ComplaintBatch = '${batch}' AND ComplaintProfile = 'industrial-fault' AND ComplaintOverdue = false`,
  ];
  for (const query of queries) {
    const ids = await eventually(async () => {
      const found: string[] = [];
      for await (const wf of h.temporal.workflow.list({ query })) found.push(wf.workflowId);
      return found.length ? found : undefined;
    });
    expect({ query, ids }).toEqual({ query, ids: [complaintWorkflowId(number)] });
  }
  const described = await h.temporal.workflow.getHandle(complaintWorkflowId(number)).describe();
  expect(await described.staticSummary()).toContain(`Complaint ${number}`);
});

test('twelve complaints on one batch within the window make the batch urgent under profile 001', async () => {
  const batch = `B-${Date.now()}`;
  const severities: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const number = await register({ profileId: 'quality-improvement', product: { model: 'KT-1', batchNumber: batch } });
    const { live } = await readComplaint(h, number);
    severities.push(live.severity);
    if (i === 11) expect(live.severityReasons[0]).toContain('batch defect: 12 units');
  }
  expect(severities).toEqual([...Array(9).fill('general'), 'urgent', 'urgent', 'urgent']);
});

test('the batch rule counts one product line: another model with the same batch number does not count', async () => {
  const batch = `B-${Date.now()}-shared`;
  await register({
    profileId: 'quality-improvement',
    product: { model: 'OTHER-9', batchNumber: batch },
    quantityAffected: 20,
  });
  const number = await register({ profileId: 'quality-improvement', product: { model: 'KT-1', batchNumber: batch } });
  const { live } = await readComplaint(h, number);
  expect(live.severity).toBe('general');
});

test('an action the procedure does not have is a 409 naming the procedure, whoever asks', async () => {
  const number = await register({ profileId: 'engine-plant' });
  for (const role of ['department_head', 'admin'] as Role[]) {
    const res = await request(h.app)
      .post(`/api/v1/complaints/${number}/actions/approvePlan`)
      .set('Authorization', h.as(role))
      .send({ approved: true })
      .expect(409);
    expect(res.body.message).toBe('approvePlan is not part of the engine-plant procedure');
  }
});

test('a customer unhappy with the corrective action: reopen creates a linked complaint and closes the old one', async () => {
  const number = await register({ profileId: 'quality-improvement' });
  const steps: Array<[string, Role, Record<string, unknown>]> = [
    ['classify', 'customer_service', { type: 'product_quality' }],
    ['checkValidity', 'quality_manager', { valid: true, reason: 'confirmed', customerContacted: true }],
    [
      'submitDiagnosis',
      'quality_manager',
      { cause: 'design', analysis: { method: 'five_why', whys: ['why 1'] }, findings: 'weak hinge' },
    ],
    [
      'proposePlan',
      'quality_manager',
      { summary: 'reinforced hinge', customerRemedy: ['voucher: 10 % off the next purchase'] },
    ],
    ['recordCustomerDecision', 'customer_service', { accepted: true }],
    ['recordProcessing', 'repair', { steps: ['fitted reinforced hinge'] }],
    ['recordVerification', 'quality_manager', { passed: true, method: 'cycle test', result: 'passed' }],
  ];
  for (const [action, role, payload] of steps) {
    await request(h.app)
      .post(`/api/v1/complaints/${number}/actions/${action}`)
      .set('Authorization', h.as(role))
      .send(payload)
      .expect(200);
  }
  await request(h.app)
    .post(`/api/v1/complaints/${number}/reopen`)
    .set('Authorization', h.as('repair'))
    .send({ reason: 'x' })
    .expect(403);
  const reopened = await request(h.app)
    .post(`/api/v1/complaints/${number}/reopen`)
    .set('Authorization', h.as('customer_service'))
    .send({ reason: 'hinge broke again after two weeks' })
    .expect(201);
  const newNumber: string = reopened.body.complaint.number;
  expect(reopened.body.complaint.linkedFrom).toBe(number);
  expect(reopened.body.previous.live).toMatchObject({ stage: 'closed', reopenedAs: newNumber });
  expect((await h.temporal.workflow.getHandle(complaintWorkflowId(number)).result()).reopenedAs).toBe(newNumber);
  const fresh = await readComplaint(h, newNumber, (live) => live.stage === 'triage');
  expect(fresh.profile.id).toBe('quality-improvement');
  await request(h.app)
    .post(`/api/v1/complaints/${number}/reopen`)
    .set('Authorization', h.as('customer_service'))
    .send({ reason: 'again' })
    .expect(409);
});

test('004 §5.3 b): a customer still not satisfied: the complaint closes and a linked new complaint opens and starts by itself', async () => {
  const number = await register({ profileId: 'cr-mp25' });
  const steps: Array<[string, Role, Record<string, unknown>]> = [
    ['classify', 'sales', { type: 'quality_in_warranty' }],
    ['checkValidity', 'quality_manager', { valid: true, reason: 'confirmed', customerContacted: true }],
    ['submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS],
    ['proposePlan', 'technical_support', SAMPLE_PLAN],
    ['approvePlan', 'quality_manager', { approved: true }],
    ['recordCustomerDecision', 'sales', { accepted: true }],
    ['recordProcessing', 'repair', { steps: ['replaced the unit'] }],
    ['recordVerification', 'quality_manager', { passed: true, method: 'retest', result: 'ok' }],
    ['recordSurvey', 'sales', { level: 'dissatisfied', reason: 'the fault came back after a week' }],
  ];
  for (const [action, role, payload] of steps)
    await request(h.app)
      .post(`/api/v1/complaints/${number}/actions/${action}`)
      .set('Authorization', h.as(role))
      .send(payload)
      .expect(200);
  const closed = await readComplaint(h, number, (live) => live.reopenedAs !== undefined);
  const next = closed.live.reopenedAs!;
  expect(closed.live.closeReason).toBe('customer not satisfied: to be taken up as a new complaint');
  const fresh = await readComplaint(h, next, (live) => live.stage === 'triage');
  expect([fresh.linkedFrom, fresh.profile.id]).toEqual([number, 'cr-mp25']);
  // one new complaint, whatever retries happened: numbered once under the closed one's key
  expect(await h.prisma.complaint.count({ where: { linkedFrom: number } })).toBe(1);
  const row = await h.prisma.complaint.findUniqueOrThrow({ where: { number: next } });
  expect(row.workflowStartedAt).not.toBeNull();
  expect(row.description.startsWith(`the fault came back after a week\n\n(reopened from ${number})`)).toBe(true);
});

test("000 二(二): for a cross-region product the sales rep brings in the local technical staff of the customer's region to check on site", async () => {
  const body = registrationBody();
  const number = await register({ customer: { ...body.customer, region: 'north' } });
  await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 'product_fault' })
    .expect(200);
  const refused = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/requestLocalCheck`)
    .set('Authorization', h.as('customer_service'))
    .send({ note: 'check the drive on site' })
    .expect(403);
  expect(refused.body.message).toContain('销售代表 sales rep (sales)');
  const asked = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/requestLocalCheck`)
    .set('Authorization', h.as('sales'))
    .send({ note: 'check the drive and the supply voltage on site' })
    .expect(200);
  expect(asked.body.stage).toBe('validity_check');
  const mail = await h.catcher.waitFor((m) => m.to.includes('engineer-north@example.com') && m.text.includes(number));
  expect(mail.text).toContain('check the drive and the supply voltage on site');
  const forms = await eventually(async () => {
    const found = await h.prisma.complaintForm.findMany({
      where: { complaintNumber: number, kind: 'local_check_request' },
    });
    return found.length ? found : undefined;
  });
  expect(forms[0]!.data).toMatchObject({ engineer: { name: 'Engineer North', region: 'north' } });
});

test('a new complaint is actionable at once: an action sent right after 201 is taken once registration is', async () => {
  const created = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registrationBody({ profileId: 'quality-improvement' }))
    .expect(201);
  const classified = await request(h.app)
    .post(`/api/v1/complaints/${created.body.number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 'product_quality' })
    .expect(200);
  expect(classified.body.stage).toBe('validity_check');
  const records = await request(h.app)
    .get(`/api/v1/complaints/${created.body.number}/records`)
    .set('Authorization', h.as('customer_service'))
    .expect(200);
  expect(records.body.complete).toBe(true);
  expect(records.body.audit.map((a: { action: string }) => a.action)).toEqual(['register', 'classify']);
});

test('an action sent twice with one Idempotency-Key is taken once and answered the same; without a key the repeat is a 409', async () => {
  const number = await register();
  const send = (key?: string) => {
    const req = request(h.app)
      .post(`/api/v1/complaints/${number}/actions/classify`)
      .set('Authorization', h.as('customer_service'));
    return (key ? req.set('Idempotency-Key', key) : req).send({ type: 'product_fault' });
  };
  const first = await send(`classify-${number}`).expect(200);
  const retried = await send(`classify-${number}`).expect(200);
  expect([first.body.stage, retried.body.stage]).toEqual(['validity_check', 'validity_check']);
  expect(retried.body.live.history).toEqual(first.body.live.history);
  await send().expect(409);
  const records = await request(h.app)
    .get(`/api/v1/complaints/${number}/records`)
    .set('Authorization', h.as('customer_service'))
    .expect(200);
  expect(records.body.audit.filter((a: { action: string }) => a.action === 'classify')).toHaveLength(1);
});

test('the retry of an action whose first answer was lost gets that answer, even where the state now refuses it; even once the workflow is over', async () => {
  const number = await register({ profileId: 'cr-mp25' });
  const act = (action: string, role: Role, payload: object, key?: string) => {
    const req = request(h.app).post(`/api/v1/complaints/${number}/actions/${action}`).set('Authorization', h.as(role));
    return (key ? req.set('Idempotency-Key', key) : req).send(payload);
  };
  await act('classify', 'sales', { type: 'quality_in_warranty' }).expect(200);
  await act('checkValidity', 'quality_manager', { valid: true, reason: 'ok', customerContacted: true }).expect(200);
  await act('submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS).expect(200);
  // a plan names no engineer: the API reads the live status to match one, and that status has moved on
  const key = `plan-${number}`;
  const first = await act('proposePlan', 'technical_support', SAMPLE_PLAN, key).expect(200);
  const retried = await act('proposePlan', 'technical_support', SAMPLE_PLAN, key).expect(200);
  expect(retried.body.live.history).toEqual(first.body.live.history);
  const fresh = await act('proposePlan', 'technical_support', SAMPLE_PLAN, `${key}-again`).expect(409);
  expect(fresh.body.message).toContain('proposePlan is not allowed while');
  const steps: Array<[string, Role, object]> = [
    ['approvePlan', 'quality_manager', { approved: true }],
    ['recordCustomerDecision', 'sales', { accepted: true }],
    ['recordProcessing', 'repair', { steps: ['replaced the unit'] }],
    ['recordVerification', 'quality_manager', { passed: true, method: 'retest', result: 'ok' }],
    ['recordSurvey', 'sales', { level: 'satisfied' }, `survey-${number}`],
  ].map(([action, role, payload]) => [action as string, role as Role, payload as object]);
  let closing: { stage: string } = { stage: '' };
  for (const [action, role, payload] of steps)
    closing = (await act(action, role, payload, `${action}-${number}`).expect(200)).body;
  const handle = h.temporal.workflow.getHandle(complaintWorkflowId(number));
  await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
  // the workflow is over and the record archived: Temporal still holds the closing update's outcome
  const late = await act('recordSurvey', 'sales', { level: 'satisfied' }, `recordSurvey-${number}`).expect(200);
  expect(late.body.live.stage).toBe(closing.stage);
  const another = await act('recordSurvey', 'sales', { level: 'satisfied' }, `another-${number}`).expect(409);
  expect(another.body.message).toBe(`complaint ${number} is already archived`);
  await act('recordSurvey', 'sales', { level: 'satisfied' }).expect(409);
  const records = await h.prisma.auditEntry.findMany({ where: { complaintNumber: number } });
  expect(records.filter((a) => a.action === 'proposePlan' || a.action === 'recordSurvey')).toHaveLength(2);
});
