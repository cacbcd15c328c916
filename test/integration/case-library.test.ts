/**
 * The case library and repeats (issue 13, item 4) on the real stack: closed complaints found by model, cause,
 * remedy and text; a new complaint shows the earlier ones of the same unit, the same lot, or the same model and
 * cause, and the staff told of its registration read them.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  readComplaint,
  registerComplaint,
  eventually,
  startHarness,
  takeAction,
  type Harness,
} from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const model = `CL-${randomUUID().slice(0, 8)}`;
const batch = `LOT-${randomUUID().slice(0, 8)}`;
const diagnosis = {
  cause: 'manufacturing',
  analysis: { method: 'five_why', whys: ['drive trips', 'over-current', 'solder joint cracked'] },
  findings: 'cracked solder joint on the power board (100% inspection of the lot ordered)',
  evidence: { factoryTestReport: 'FT-2611: all tests passed at shipment' },
};
const plan = { summary: 'replace the power board', customerRemedy: ['free repair or replacement of the faulty part'] };

const register = (serial: string, lot: string) =>
  registerComplaint(h, { product: { model, serialNumber: serial, batchNumber: lot } });

async function diagnose(number: string) {
  await takeAction(h, number, 'classify', 'customer_service', { type: 'product_fault' });
  await takeAction(h, number, 'checkValidity', 'sales', { valid: true, reason: 'our fault', customerContacted: true });
  await takeAction(h, number, 'submitDiagnosis', 'technical_support', diagnosis);
}

async function related(number: string) {
  const body = (
    await request(h.app).get(`/api/v1/complaints/${number}`).set('Authorization', h.as('sales')).expect(200)
  ).body as { related: Array<{ number: string; reasons: string[] }> };
  return body.related.map((r) => [r.number, r.reasons]);
}

const cases = (query: Record<string, string>) =>
  request(h.app).get('/api/v1/cases').query(query).set('Authorization', h.as('technical_support'));

let first: string;

test('a closed complaint is in the library by model, cause, remedy and text', async () => {
  first = await register('SN-A1', batch);
  await diagnose(first);
  await takeAction(h, first, 'proposePlan', 'technical_support', plan);
  await takeAction(h, first, 'approvePlan', 'quality_manager', { approved: true });
  await takeAction(h, first, 'recordCustomerDecision', 'sales', { accepted: true });
  await takeAction(h, first, 'recordProcessing', 'repair', { steps: ['replaced the power board'] });
  await takeAction(h, first, 'recordVerification', 'technical_support', { passed: true, method: 'run', result: 'ok' });
  await takeAction(h, first, 'recordSurvey', 'customer_service', { level: 'satisfied' });
  await readComplaint(h, first, (live) => ['closed', 'archived'].includes(live.stage));
  // the library reads the stored records: wait until the closing step is recorded
  const found = await eventually(async () => {
    const res = await cases({ model: model.toLowerCase(), cause: 'manufacturing' }).expect(200);
    return res.body.total > 0 ? res.body : undefined;
  });
  expect(found.total).toBe(1);
  expect(found.items[0]).toMatchObject({
    number: first,
    productModel: model,
    cause: 'manufacturing',
    findings: diagnosis.findings,
    plan: plan.summary,
    remedy: plan.customerRemedy,
  });
  expect((await cases({ model, q: 'solder joint' }).expect(200)).body.total).toBe(1);
  expect((await cases({ model, remedy: 'power board' }).expect(200)).body.total).toBe(1);
  expect((await cases({ model, q: '100%' }).expect(200)).body.total).toBe(1);
  expect((await cases({ model, q: 'no such words' }).expect(200)).body.total).toBe(0);
  expect((await cases({ model, cause: 'design' }).expect(200)).body.total).toBe(0);
  const bad = await cases({ cause: 'gremlins', limit: '0' }).expect(400);
  expect(JSON.stringify(bad.body)).toMatch(/cause/);
  await request(h.app).get('/api/v1/cases').expect(401);
});

test('a new complaint shows the earlier ones of the same unit, lot, or model and cause; its registration email names them', async () => {
  expect(first).toBeDefined();
  const sameUnit = await register('SN-A1', `LOT-${randomUUID().slice(0, 8)}`);
  expect(await related(sameUnit)).toEqual([[first, ['same_serial']]]);
  const sameLot = await register('SN-B7', batch);
  expect(await related(sameLot)).toEqual([[first, ['same_lot']]]);

  const sameModel = await register('SN-C9', `LOT-${randomUUID().slice(0, 8)}`);
  expect(await related(sameModel)).toEqual([]);
  await diagnose(sameModel);
  await readComplaint(h, sameModel, (live) => live.stage === 'planning');
  // diagnosed: the earlier complaint of the same model and the same cause
  const shown = await eventually(async () => {
    const list = await related(sameModel);
    return list.length ? list : undefined;
  });
  expect(shown).toEqual([[first, ['same_model_and_cause']]]);

  // the staff told of the same unit's registration read the earlier complaint
  const told = await h.catcher.waitFor(
    (m) => m.subject.includes(sameUnit) && /\[(新投诉|New complaint)\]/.test(m.subject),
  );
  expect(told.text).toMatch(new RegExp(`(此前的相关投诉|Earlier complaints)：?:? ?${first}`));
});
