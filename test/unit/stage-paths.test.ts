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

/** Seed 002 (engine plant regulation), chapters 3–6. */
const SEED_002: Array<[string, string]> = [
  ['registered', '3.1 投訴接收與登記 (email: confirmed within 1 h)'],
  ['triage', '3.2 投訴分類與轉辦: passed to the responsible department with a time limit'],
  ['investigation', '3.3 調查與核實: within 3 days'],
  ['planning', '3.4 方案制定: the department proposes the remedy'],
  ['customer_decision', '3.4 溝通: the customer confirms before it is carried out'],
  ['escalated', '4.1/4.3 升級: sales coordinates and settles within 7 days'],
  ['execution', '3.4 客戶確認後執行'],
  ['satisfaction', '5.1/5.2 回訪 within 3 days: satisfied / neutral / dissatisfied'],
  ['follow_up', 'ours: a customer not satisfied is followed up (5.2 records the improvement)'],
  ['closed', '6 投訴記錄'],
  ['archived', '6.1 檔案 kept 2 years'],
];

test('002 engine plant: no validity check, approval, payment or verification stage', () => {
  expect(pathOf('engine-plant')).toEqual(SEED_002.map(([stage]) => stage));
});

test('the other complaint procedures (000, 001, 004) run the generic complaint path for now', () => {
  for (const id of ['industrial-fault', 'quality-improvement', 'cr-mp25'])
    expect({ id, path: pathOf(id) }).toEqual({ id, path: GENERIC_PATH });
});
