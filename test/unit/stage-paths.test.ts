/** Each built-in profile's stage path, checked against its seed stage by stage. */
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { GENERIC_PATH } from '../../domain/stages';

const pathOf = (id: string) => {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === id)!;
  return profile.stagePath ?? GENERIC_PATH;
};

/** Seed 003 (after-sales SOP), chapter 2: each stage with the section that has it. */
const SEED_003: Array<[string, string]> = [
  ['registered', '§2.1.1 受理: request recorded (售后服务受理登记表)'],
  ['triage', '§2.1.2 初步判断: fault type, urgency, on site or not'],
  ['dispatch', '§2.2.1 派工: engineer of the region and qualification, within 30 min / 2 h / 4 h'],
  ['execution', '§2.2.2–2.3.2: call ahead, arrive, diagnose, parts consent, repair (remote guidance skips dispatch)'],
  ['verification', '§2.3.3 功能测试与客户确认: function test, signed service confirmation'],
  ['satisfaction', '§2.4.1 服务回访: callback within 24 h, score 1–10'],
  ['follow_up', '§2.4.1 ④: below 8 the reason is recorded and followed up'],
  ['closed', '§2.4.2 资料归档'],
  ['archived', '§2.4.2 资料归档'],
];

test('003 after-sales: request, triage, dispatch, visit, test and confirmation, callback, follow-up, archive', () => {
  expect(pathOf('after-sales')).toEqual(SEED_003.map(([stage]) => stage));
});

test('the complaint procedures (000, 001, 002, 004) run the generic complaint path for now', () => {
  for (const id of ['industrial-fault', 'quality-improvement', 'engine-plant', 'cr-mp25'])
    expect({ id, path: pathOf(id) }).toEqual({ id, path: GENERIC_PATH });
});
