import { randomUUID } from 'node:crypto';

/** A valid registration body; `overrides` replace top-level parts. */
export function registrationBody(overrides: Record<string, unknown> = {}) {
  return {
    customer: { name: 'Zhang Wei', email: `customer-${randomUUID().slice(0, 8)}@example.com`, language: 'zh-CN' },
    // a batch of its own, so the batch-defect rule only counts what a test means it to
    product: { model: 'HX-300 servo drive', serialNumber: 'SN-0001', batchNumber: `B-${randomUUID().slice(0, 8)}` },
    channel: 'phone',
    description: 'Drive trips with over-current alarm after 10 minutes of operation',
    quantityAffected: 1,
    ...overrides,
  };
}
