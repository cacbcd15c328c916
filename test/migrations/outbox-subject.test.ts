/**
 * Migration 20261129190003_outbox_subject on a database holding emails written before it: each row becomes
 * a complaint's own email under the key the code computes now, so a retried activity finds its row.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { complaintSubject, outboxKey } from '../../mail/outbox';
import { migrationsDirectory } from '../../infra/migrate';
import { testStack } from '../support/stack-registry';

const MIGRATION = '20261129190003_outbox_subject';
const schema = `outbox_subject_${process.pid}_${Date.now()}`;
let client: pg.Client;

const sqlOf = (name: string) => fs.readFileSync(path.join(migrationsDirectory(), name, 'migration.sql'), 'utf8');

beforeAll(async () => {
  client = new pg.Client({ connectionString: testStack().databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(`SET search_path TO "${schema}"`);
});

afterAll(async () => {
  await client?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client?.end();
});

test('rows written before the migration become complaint emails under the key the code computes now', async () => {
  const before = fs
    .readdirSync(migrationsDirectory())
    .filter((d) => /^\d{14}_/.test(d) && d < MIGRATION)
    .sort();
  for (const name of before) await client.query(sqlOf(name));
  await client.query(
    `INSERT INTO complaint (id, number, month, sequence, workflow_id, stage, customer_name, customer_email,
       customer_language, product_model, channel, description, registration, profile_id, profile_version,
       profile_hash, updated_at)
     VALUES (gen_random_uuid(), '202611-007', '202611', 7, 'complaint-202611-007', 'triage', 'Acme',
       'Buyer@Acme.example', 'en', 'XR-200', 'email', 'stops', '{}', 'industrial-fault', 1, 'h', now())`,
  );
  const old = [
    ['acknowledgement', 'Buyer@Acme.example', 'sent'],
    ['escalation:first_contact:1:1', 'sales@example.com', 'uncertain'],
  ];
  for (const [event, recipient, status] of old) {
    await client.query(
      `INSERT INTO outbox_email (id, idempotency_key, complaint_number, event, recipient, language, subject,
         text_body, html_body, message_id, status)
       VALUES (gen_random_uuid(), $1, '202611-007', $2, $3, 'en', 's', 't', 'h', '<m@x>', $4)`,
      [`202611-007:${event}:${recipient!.toLowerCase()}`, event, recipient, status],
    );
  }

  await client.query(sqlOf(MIGRATION));

  const { rows } = await client.query<Record<string, string>>(
    'SELECT subject_kind, subject_id, idempotency_key, event, recipient, status FROM outbox_email ORDER BY event',
  );
  expect(rows).toEqual(
    old.map(([event, recipient, status]) => ({
      subject_kind: 'complaint',
      subject_id: '202611-007',
      idempotency_key: outboxKey(complaintSubject('202611-007'), event!, recipient!),
      event,
      recipient,
      status,
    })),
  );
  await expect(
    client.query(
      `INSERT INTO outbox_email (id, idempotency_key, complaint_number, event, recipient, language, subject,
         text_body, html_body, message_id) VALUES (gen_random_uuid(), 'k', '202611-007', 'e', 'r', 'en', 's', 't', 'h', 'm')`,
    ),
  ).rejects.toThrow(/subject_(kind|id)/);
});
