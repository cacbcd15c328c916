/**
 * Tracing a recall's consignees on the real PostgreSQL: shipment records grouped by customer email (any case),
 * the lots and serials recalled, a complaint's own customer without a shipment record; tracing again adds only
 * consignees found since, numbered after the known ones.
 */
import { randomUUID } from 'node:crypto';
import { createRecallActivities } from '../../activities/recalls';
import { DEFAULT_DIRECTORY } from '../../infra/directory';
import { createLogger } from '../../infra/logger';
import { insertRecall } from '../../infra/recall-rows';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

test('the consignees of the recalled lots and serials, once each; tracing again adds the new ones after the known', async () => {
  const tag = randomUUID().slice(0, 8);
  const lot = `L-${tag}`;
  const serial = `S-${tag}`;
  const shipment = (id: string, email: string, over: object = {}) => ({
    id: `${id}-${tag}`,
    customerName: `Customer ${id}`,
    customerEmail: email,
    customerLanguage: 'en',
    shipTo: 'Suzhou',
    productModel: 'HX-300',
    lot,
    quantity: 2,
    shippedAt: new Date('2026-10-01T00:00:00Z'),
    ...over,
  });
  await h.prisma.shipment.createMany({
    data: [
      shipment('a1', `a-${tag}@example.com`),
      shipment('a2', `A-${tag}@Example.com`, { quantity: 3, shippedAt: new Date('2026-10-05T00:00:00Z') }),
      shipment('b1', `b-${tag}@example.com`, { lot: null, serial }),
      shipment('c1', `c-${tag}@example.com`, { lot: `other-${tag}` }),
    ],
  });
  const now = new Date();
  const { number } = await insertRecall(
    h.prisma,
    { requestKey: `test:${tag}`, timeZone: 'Asia/Shanghai', now },
    {
      source: 'quality_manager',
      openedAt: now.toISOString(),
      openedBy: { id: 'qm', role: 'quality_manager' },
      lots: [lot],
      serials: [serial],
      risk: 'overheating',
      remedy: 'replacement',
      deadline: new Date(now.getTime() + 86_400_000).toISOString(),
      profileId: 'cr-mp25',
      profileHash: 'x',
    },
  );
  const activities = createRecallActivities({
    prisma: h.prisma,
    mailer: h.mailer,
    logger: createLogger('silent'),
    now: () => new Date(),
    timeZone: 'Asia/Shanghai',
    directory: DEFAULT_DIRECTORY,
  });
  const trace = () => activities.traceRecall({ number, productModel: null, lots: [lot], serials: [serial] });
  expect(await trace()).toBe(2);
  expect(await trace()).toBe(2); // a retry adds nothing
  const first = await h.prisma.recallConsignee.findMany({
    where: { recallNumber: number },
    orderBy: { ordinal: 'asc' },
  });
  expect(first.map((c) => [c.ordinal, c.email, c.quantityShipped])).toEqual([
    [1, `a-${tag}@example.com`, 5],
    [2, `b-${tag}@example.com`, 2],
  ]);
  expect(first[0]!.lastShippedAt.toISOString()).toBe('2026-10-05T00:00:00.000Z');

  // more records came in: one new consignee, one more shipment of a known one
  await h.prisma.shipment.createMany({
    data: [shipment('d1', `d-${tag}@example.com`), shipment('a3', `a-${tag}@example.com`)],
  });
  expect(await trace()).toBe(3);
  const after = await h.prisma.recallConsignee.findMany({
    where: { recallNumber: number },
    orderBy: { ordinal: 'asc' },
  });
  expect(after.map((c) => [c.ordinal, c.email])).toEqual([
    [1, `a-${tag}@example.com`],
    [2, `b-${tag}@example.com`],
    [3, `d-${tag}@example.com`],
  ]);
  expect((await h.prisma.recall.findUniqueOrThrow({ where: { number } })).consignees).toBe(3);
});
