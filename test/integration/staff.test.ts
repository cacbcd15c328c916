/** Staff administration: create (never overwrite), list, change role, disable, rotate the token, each recorded. */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { projectRoot } from '../../infra/project-root';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

const admin = () => h.as('admin');
const bearer = (token: string) => `Bearer ${token}`;
const me = (authorization: string) =>
  request(h.app).get('/api/v1/complaints?limit=1').set('Authorization', authorization);

test('an existing member is never overwritten; changes, disabling and rotation are recorded and take effect at once', async () => {
  const id = `qm-${randomUUID().slice(0, 8)}`;
  const member = { id, name: 'Quality Manager', email: `${id}@example.com`, role: 'quality_manager' };
  const created = await request(h.app).post('/api/v1/staff').set('Authorization', admin()).send(member).expect(201);
  expect(created.body).toMatchObject({ id, role: 'quality_manager', active: true, token: expect.any(String) });
  await me(bearer(created.body.token)).expect(200);

  const again = await request(h.app)
    .post('/api/v1/staff')
    .set('Authorization', admin())
    .send({ ...member, role: 'admin' })
    .expect(409);
  expect(again.body.message).toContain('exists');
  await me(bearer(created.body.token)).expect(200); // the first token still works: nothing was re-keyed

  const listed = await request(h.app).get('/api/v1/staff').set('Authorization', admin()).expect(200);
  expect(listed.body.items.find((s: { id: string }) => s.id === id)).toMatchObject({ role: 'quality_manager' });
  expect(JSON.stringify(listed.body)).not.toMatch(/token/i);

  await request(h.app).patch(`/api/v1/staff/${id}`).set('Authorization', admin()).send({ role: 'sales' }).expect(200);
  await request(h.app).patch(`/api/v1/staff/${id}`).set('Authorization', admin()).send({ active: false }).expect(200);
  await me(bearer(created.body.token)).expect(401);
  await request(h.app).patch(`/api/v1/staff/${id}`).set('Authorization', admin()).send({ active: true }).expect(200);
  const rotated = await request(h.app).post(`/api/v1/staff/${id}/token`).set('Authorization', admin()).expect(201);
  await me(bearer(created.body.token)).expect(401);
  await me(bearer(rotated.body.token)).expect(200);

  const changes = await request(h.app).get(`/api/v1/staff/${id}/changes`).set('Authorization', admin()).expect(200);
  expect(changes.body.items.map((c: { change: string }) => c.change)).toEqual([
    'created',
    'role_changed',
    'disabled',
    'enabled',
    'token_rotated',
  ]);
});

test('only admins administer staff; an admin cannot lock themselves out; unknown members are 404', async () => {
  await request(h.app).get('/api/v1/staff').set('Authorization', h.as('quality_manager')).expect(403);
  const id = `admin-${randomUUID().slice(0, 8)}`;
  const second = await request(h.app)
    .post('/api/v1/staff')
    .set('Authorization', admin())
    .send({ id, name: 'Second admin', email: `${id}@example.com`, role: 'admin' })
    .expect(201);
  for (const patch of [{ active: false }, { role: 'sales' }]) {
    const refused = await request(h.app)
      .patch(`/api/v1/staff/${id}`)
      .set('Authorization', bearer(second.body.token))
      .send(patch)
      .expect(409);
    expect(refused.body.message).toBe('an administrator cannot disable or demote themselves');
  }
  await request(h.app)
    .patch('/api/v1/staff/nobody-here')
    .set('Authorization', admin())
    .send({ role: 'sales' })
    .expect(404);
  await request(h.app).post('/api/v1/staff/nobody-here/token').set('Authorization', admin()).expect(404);
  await request(h.app).patch('/api/v1/staff/nobody-here').set('Authorization', admin()).send({}).expect(400);
});

test('the first administrator comes from a command (for deployments without npm start); run again it refuses', () => {
  const id = `boot-${randomUUID().slice(0, 8)}`;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/staff-admin.ts', '--id', id, ...args], {
      cwd: projectRoot(),
      env: { ...process.env, DATABASE_URL: h.config.DATABASE_URL },
      encoding: 'utf8',
    });
  const first = run();
  expect(first.status).toBe(0);
  const token = /: (\S+)$/.exec(first.stdout.trim())![1]!;
  const second = run();
  expect([second.status, second.stderr.trim()]).toEqual([2, `staff member ${id} exists; add --rotate for a new token`]);
  return request(h.app).get('/api/v1/staff').set('Authorization', bearer(token)).expect(200);
});
