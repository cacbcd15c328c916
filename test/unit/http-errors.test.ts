/** The error handler's view of outages: which component an error says is down (503), or none. */
import { ServiceError } from '@temporalio/client';
import { unavailableComponent } from '../../api/errors';

function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

test.each([
  [
    'a gRPC UNAVAILABLE from the Temporal frontend',
    new ServiceError('query failed', { cause: grpcError(14, 'No connection established') }),
    'temporal',
  ],
  ['a deadline exceeded (no worker answered the update)', grpcError(4, 'Deadline exceeded'), 'temporal'],
  [
    'PostgreSQL refusing connections',
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    'database',
  ],
  [
    'a Prisma pool timeout',
    Object.assign(new Error('Timed out fetching a new connection'), { code: 'P2024' }),
    'database',
  ],
  ['a programming error', new TypeError('x is undefined'), undefined],
  ['a gRPC NOT_FOUND', grpcError(5, 'workflow not found'), undefined],
])('%s → %s', (_name, error, component) => {
  expect(unavailableComponent(error)).toBe(component);
});
