/**
 * A 004 complaint whose 8D runs from D1 to D8 through the HTTP API on the real stack (Temporal dev server,
 * PostgreSQL, SMTP): refusals answer 403/409/400 and change nothing; the customer receives the 8D report as a
 * PDF whose text holds the disciplines in Chinese; every email goes out once; the archive keeps the report.
 */
import request from 'supertest';
import { pdfText } from '../support/pdf-text';
import { complaintWorkflowId } from '../../domain/complaint-contract';
import { carProgressSignal, correctiveActionWorkflowId } from '../../domain/corrective-action-contract';
import type { Role } from '../../domain/roles';
import { DISCIPLINE_DATA } from '../support/car-scenario';
import { eventually, readComplaint, registrationBody, startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

async function complaintStep(number: string, action: string, role: Role, payload: object) {
  await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/${action}`)
    .set('Authorization', h.as(role))
    .send(payload)
    .expect(200);
}

function carStep(car: string, action: string, role: Role, payload: object) {
  return request(h.app)
    .post(`/api/v1/corrective-actions/${car}/actions/${action}`)
    .set('Authorization', h.as(role))
    .send(payload);
}

test('004: the 8D of a quality complaint runs to D8 over HTTP; the customer gets the report PDF in Chinese once; the archive keeps it', async () => {
  const body = registrationBody({ profileId: 'cr-mp25' });
  body.product = { ...body.product, warrantyStatus: 'in' } as typeof body.product;
  const email = `car-${Date.now()}@customer.example`;
  body.customer = { ...body.customer, email, language: 'zh-CN' };
  const created = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(body)
    .expect(201);
  const number: string = created.body.number;
  await readComplaint(h, number, (live) => live.stage === 'triage');
  await complaintStep(number, 'classify', 'sales', { type: 'quality_in_warranty' });
  await complaintStep(number, 'checkValidity', 'quality_manager', {
    valid: true,
    reason: 'our fault',
    customerContacted: true,
  });
  await complaintStep(number, 'submitDiagnosis', 'quality_manager', {
    cause: 'manufacturing',
    defectCode: 'solder_joint',
    technical: true,
    analysis: { method: 'five_why', whys: ['drive trips', 'over-current', 'solder joint cracked'] },
    findings: 'cracked solder joints',
  });
  // the complaint lists it at once; it has started once it has told the complaint where it stands
  const complaint = await readComplaint(h, number, (live) => live.correctiveActions?.[0]?.phase === 'open');
  const car = complaint.live.correctiveActions![0]!.number;
  expect(car).toBe(`${number}-1`);
  // the complaint holds the 8D's phase; the step it is at is read from the 8D when the complaint is read
  expect(complaint.live.correctiveActions![0]!.line).toContain('D1 team');

  // refusals: 403 (role), 409 (discipline), 400 (field path) — none reaches the workflow's history
  const forbidden = await carStep(car, 'formTeam', 'customer_service', DISCIPLINE_DATA.formTeam);
  expect(forbidden.status).toBe(403);
  const conflict = await carStep(car, 'recordRootCause', 'technical_support', DISCIPLINE_DATA.recordRootCause);
  expect(conflict.status).toBe(409);
  expect(conflict.body.message).toMatch(/D4 is not the discipline to fill in now/);
  const bad = await carStep(car, 'formTeam', 'technical_support', {
    ...DISCIPLINE_DATA.formTeam,
    members: [{ name: 'x' }],
  });
  expect(bad.status).toBe(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path)).toContain('members.0.department');
  const history = await h.temporal.workflow.getHandle(correctiveActionWorkflowId(car)).fetchHistory();
  expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);

  const steps: Array<[string, Role, object]> = [
    ['formTeam', 'technical_support', DISCIPLINE_DATA.formTeam],
    ['describeProblem', 'technical_support', DISCIPLINE_DATA.describeProblem],
    ['recordContainment', 'technical_support', DISCIPLINE_DATA.recordContainment],
    ['approveBlock', 'quality_manager', {}],
    ['recordRootCause', 'technical_support', DISCIPLINE_DATA.recordRootCause],
    ['approveBlock', 'quality_manager', { note: 'causes verified' }],
    ['chooseActions', 'technical_support', DISCIPLINE_DATA.chooseActions],
    ['recordImplementation', 'technical_support', DISCIPLINE_DATA.recordImplementation],
    ['approveBlock', 'quality_manager', {}],
    ['verifyEffectiveness', 'quality_manager', { effective: true, evidence: 'three lots without a failure' }],
    ['recordPrevention', 'technical_support', DISCIPLINE_DATA.recordPrevention],
    ['approveBlock', 'quality_manager', {}],
    ['closeDisciplines', 'quality_manager', DISCIPLINE_DATA.closeDisciplines],
  ];
  for (const [action, role, payload] of steps) {
    const res = await carStep(car, action, role, payload).set(
      'Idempotency-Key',
      `e2e-${car}-${action}-${Math.random()}`,
    );
    expect({ action, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({
      action,
      status: 200,
      body: 'ok',
    });
  }
  const result = await h.temporal.workflow.getHandle(correctiveActionWorkflowId(car)).result();
  expect(result).toMatchObject({ number: car, phase: 'closed', rounds: 1 });

  // the complaint's timeline holds one progress signal per phase change, none per discipline
  const told = await eventually(async () => {
    const events = (await h.temporal.workflow.getHandle(complaintWorkflowId(number)).fetchHistory()).events ?? [];
    const signals = events
      .map((e) => e.workflowExecutionSignaledEventAttributes)
      .filter((a) => a?.signalName === carProgressSignal.name)
      .map((a) => JSON.parse(Buffer.from(a!.input!.payloads![0]!.data!).toString()) as Record<string, unknown>);
    return signals.at(-1)?.phase === 'closed' ? signals : undefined;
  });
  expect(told.filter((progress) => 'current' in progress)).toEqual([]);
  for (let i = 1; i < told.length; i++) expect(told[i]).not.toEqual(told[i - 1]);
  expect(told.length).toBeLessThan(steps.length);

  // §5.6 b): the customer got the 8D once the root cause was found (D4), marked interim, and the final report
  // once, as a PDF whose text holds the disciplines in Chinese
  const isFinal = (m: { headers: Record<string, string> }) => /:report#1:/.test(m.headers['x-idempotency-key'] ?? '');
  const reports = await eventually(async () => {
    const found = h.catcher.messages.filter((m) => m.to.includes(email) && m.attachments.length > 0 && isFinal(m));
    return found.length ? found : undefined;
  });
  expect(reports).toHaveLength(1);
  const interim = await eventually(async () => {
    const found = h.catcher.messages.filter(
      (m) => m.to.includes(email) && /:report-interim#1:/.test(m.headers['x-idempotency-key'] ?? ''),
    );
    return found.length ? found : undefined;
  });
  expect(interim).toHaveLength(1);
  expect(pdfText(interim[0]!.attachments[0]!.content)).toContain('中期报告');
  const pdf = reports[0]!.attachments.find((a) => a.contentType === 'application/pdf')!;
  const text = pdfText(pdf.content);
  for (const heading of ['D1 成立小组', 'D4 根本原因分析', 'D7 预防再发生', 'D8 结案与表彰'])
    expect(text).toContain(heading);
  expect(text).toContain('reflow profile too cold');

  // served and archived
  const served = await request(h.app)
    .get(`/api/v1/corrective-actions/${car}/report`)
    .set('Authorization', h.as('quality_manager'))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200)
    .expect('Content-Type', /application\/pdf/);
  expect((served.body as Buffer).equals(pdf.content)).toBe(true);
  expect(await h.prisma.correctiveActionReport.count({ where: { carNumber: car } })).toBe(1);

  // read and list
  const detail = (
    await request(h.app).get(`/api/v1/corrective-actions/${car}`).set('Authorization', h.as('sales')).expect(200)
  ).body;
  expect(detail).toMatchObject({ number: car, complaintNumber: number, phase: 'closed', form: '8d', overdue: false });
  expect(detail.steps.map((s: { action: string }) => s.action)).toEqual(['open', ...steps.map((s) => s[0])]);
  const listed = (
    await request(h.app)
      .get(`/api/v1/corrective-actions?complaint=${number}&phase=closed`)
      .set('Authorization', h.as('sales'))
      .expect(200)
  ).body;
  expect(listed.items.map((i: { number: string }) => i.number)).toEqual([car]);

  // every email of the complaint and its 8D went out exactly once
  const outbox = await h.prisma.outboxEmail.findMany({ where: { complaintNumber: number } });
  const mails = await eventually(async () => {
    const all = h.catcher.messages.filter((m) => outbox.some((o) => o.messageId === m.messageId));
    return all.length >= outbox.length ? all : undefined;
  });
  expect(mails).toHaveLength(outbox.length);
  expect(outbox.filter((o) => o.subjectKind === 'corrective_action').length).toBeGreaterThan(5);

  // the customer not satisfied with the result: while the complaint is open it is reopened; once closed, a new
  // complaint linked to it
  const objection = () =>
    request(h.app)
      .post(`/api/v1/corrective-actions/${car}/customer-objection`)
      .set('Authorization', h.as('customer_service'))
      .send({ reason: 'the drives still trip' });
  const early = await objection();
  expect(early.status).toBe(409);
  expect(early.body.message).toMatch(/reopen/);
  await complaintStep(number, 'withdraw', 'sales', { reason: 'customer withdrew the remaining claim' });
  await h.temporal.workflow.getHandle(complaintWorkflowId(number)).result();
  await eventually(async () =>
    (await h.prisma.complaint.findUniqueOrThrow({ where: { number } })).stage === 'archived' ? true : undefined,
  );
  const linked = await objection();
  expect(linked.status).toBe(201);
  expect(linked.body).toMatchObject({ linkedFrom: number });
  expect((await objection()).body.number).toBe(linked.body.number);
});

test('a standalone corrective action (an audit finding) opens under its own number, emails its owner without a complaint, and is cancelled', async () => {
  const opening = {
    source: 'audit',
    reason: 'audit finding: no reaction plan for reflow drift',
    product: { model: 'HX-300', quantityAffected: 0 },
    technical: true,
  };
  const post = (role: Role, body: object, key?: string) => {
    const req = request(h.app).post('/api/v1/corrective-actions').set('Authorization', h.as(role));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  expect((await post('customer_service', opening)).status).toBe(403);
  const bad = await post('quality_manager', { ...opening, source: 'rumour' });
  expect(bad.status).toBe(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path)).toContain('source');

  const key = `audit-${Date.now()}`;
  const created = await post('quality_manager', opening, key).expect(201);
  const car: string = created.body.number;
  expect(car).toMatch(/^car-\d{6}-\d{3,}$/);
  expect(created.headers.location).toBe(`/api/v1/corrective-actions/${car}`);
  expect(created.body).toMatchObject({ source: 'audit', complaintNumber: null, form: 'capa', discipline: 'D4' });
  const again = await post('quality_manager', opening, key).expect(200);
  expect(again.body.number).toBe(car);

  const live = await eventually(async () => {
    const res = await request(h.app).get(`/api/v1/corrective-actions/${car}`).set('Authorization', h.as('sales'));
    return res.body.live?.pendingEffects === 0 ? res.body.live : undefined;
  });
  expect(live).toMatchObject({ current: 'D4', owner: { role: 'technical_support', department: 'technical_support' } });
  const step = await carStep(car, 'recordRootCause', 'technical_support', DISCIPLINE_DATA.recordRootCause).expect(200);
  expect(step.body.live.current).toBe('D5');

  const outbox = await eventually(async () => {
    const rows = await h.prisma.outboxEmail.findMany({ where: { subjectKind: 'corrective_action', subjectId: car } });
    return rows.length >= 2 && rows.every((r) => r.status === 'sent') ? rows : undefined;
  });
  expect(outbox.every((r) => r.complaintNumber === null)).toBe(true);
  const mails = h.catcher.messages.filter((m) => outbox.some((o) => o.messageId === m.messageId));
  expect(mails).toHaveLength(outbox.length);

  await carStep(car, 'cancel', 'quality_manager', { reason: 'merged into the monthly top-3 action' }).expect(200);
  const result = await h.temporal.workflow.getHandle(car).result();
  expect(result).toMatchObject({ number: car, phase: 'cancelled' });
  const listed = (
    await request(h.app).get('/api/v1/corrective-actions?source=audit').set('Authorization', h.as('sales')).expect(200)
  ).body;
  expect(listed.items.map((i: { number: string }) => i.number)).toContain(car);
});
