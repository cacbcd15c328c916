import { checkAction } from '../../domain/complaint/actions';
import { newComplaintState } from '../../domain/complaint/state';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { unstorableTextPath } from '../../domain/storable-text';

test.each([
  ['a\u0000b', '(body)'],
  [{ note: 'a\ud800' }, 'note'],
  [{ list: ['ok', '\udc00x'] }, 'list.1'],
  [{ ['k\u0000']: 1 }, 'k\u0000'],
  [{ bell: 'ring\u0007' }, 'bell'],
  [{ esc: '\u001b[31mred' }, 'esc'],
])('finds text PostgreSQL cannot store: %j at %s', (value, path) => {
  expect(unstorableTextPath(value)).toBe(path);
});

test('leaves valid text alone, surrogate pairs (emoji) included', () => {
  expect(unstorableTextPath({ a: 'plain', b: ['😀', '中文'], c: 1, d: null, e: 'tab\tand\r\nlines' })).toBeUndefined();
});

test('the workflow refuses such text before it enters history (a 400, not a wedged complaint)', () => {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === 'industrial-fault')!;
  const state = newComplaintState(
    profile,
    { number: '202611-001', registeredAt: '2026-11-23T01:00:00.000Z', channel: 'phone', warranty: 'in', facts: {} },
    true,
  );
  state.stage = 'triage';
  const refusal = checkAction(
    state,
    profile,
    'escalate',
    { id: 'u', role: 'sales' },
    { reason: 'safety_issue', note: 'a\u0000b' },
  );
  expect(refusal).toEqual({
    type: 'InvalidAction',
    message: expect.stringMatching(/^note: contains a control character/),
  });
});
