import {
  CUSTOMER_EVENTS,
  formatInstant,
  renderCustomerEmail,
  renderStaffEmail,
  STAFF_EVENTS,
  valuesFor,
  type TemplateValues,
} from '../../mail/email-templates';
import { newComplaintState, type ComplaintState } from '../../domain/complaint/state';
import { templateValues } from '../../domain/complaint/status';
import {
  clockName,
  CLOSE_REASONS,
  ESCALATION_REASONS,
  localized,
  SYSTEM_NOTES,
  visitKit,
  type Label,
} from '../../domain/labels';
import type { Profile } from '../../domain/profile-schema';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Language } from '../../domain/registration';
import { DEFAULT_DIRECTORY, resolveMailboxes } from '../../infra/directory';

const values = {
  number: '202611-001',
  customer: 'Acme',
  product: 'XR-200',
  registered: '23 Nov 2026',
  received: '23 Nov 2026',
};
const zone = 'Asia/Shanghai';

test('the acknowledgement promises the date its procedure sets', () => {
  const email = renderCustomerEmail('acknowledgement', 'en', { ...values, promise: '24 Nov 2026, 09:00' });
  expect(email.text).toContain('We will contact you by 24 Nov 2026, 09:00.');
});

test('without a promised date it says "shortly" in the reader\'s language, never "by —"', () => {
  const en = renderCustomerEmail('acknowledgement', 'en', values);
  const zh = renderCustomerEmail('acknowledgement', 'zh-CN', values);
  expect(en.text).toContain('We will contact you shortly.');
  expect(zh.text).toContain('我们将尽快与您联系。');
  expect(`${en.text}${zh.text}`).not.toContain('—');
  expect(`${en.text}${zh.text}`).not.toContain('||');
});

test('every customer email ends with the status link when there is one, and says nothing of it otherwise', () => {
  const statusLink = 'https://service.example.com/c/eyJ2IjoxfQ.abc';
  for (const event of CUSTOMER_EVENTS) {
    const zh = renderCustomerEmail(event, 'zh-CN', { ...values, statusLink });
    const en = renderCustomerEmail(event, 'en', { ...values, statusLink });
    expect([event, zh.text.trimEnd().endsWith(`查看投诉进度：${statusLink}`)]).toEqual([event, true]);
    expect([event, en.text.trimEnd().endsWith(`Follow your complaint: ${statusLink}`)]).toEqual([event, true]);
    const without = ['zh-CN', 'en'].map((l) => renderCustomerEmail(event, l as Language, values).text).join('\n');
    expect(without).not.toMatch(/查看投诉进度|Follow your complaint|\/c\//);
  }
  // staff emails carry no customer link
  expect(renderStaffEmail(STAFF_EVENTS[0]!, 'en', { ...values, statusLink }).text).not.toContain(statusLink);
});

/** Everything a customer email may say, with both links (long, as signed links are). */
const linked = {
  ...values,
  note: 'the drive was dropped',
  plan: 'replace the drive',
  remedy: 'replace with the same model',
  cost: 'borne by us',
  scale: '1–10',
  retention: '5',
  severity: 'urgent',
  owner: 'Wang',
  car: '8D-202611-001',
  form: '8D',
  report: 'QR25-04',
  answerBy: '30 Nov 2026, 17:00',
  answerLink: `https://service.example.com/c/${'a'.repeat(180)}.${'b'.repeat(43)}?x=1&y=2`,
  statusLink: `https://service.example.com/c/${'s'.repeat(180)}.${'t'.repeat(43)}`,
};
const href = (url: string) => `href="${url.replace(/&/g, '&#38;')}"`;
/** The words of an HTML part as a reader sees them (tags and attributes left out). */
const shown = (html: string) => html.replace(/<[^>]*>/g, ' ');

test.each(['zh-CN', 'en'] as const)(
  'every customer email (%s) has an HTML part with a real link for each link it carries, the status link in every one',
  (language) => {
    for (const event of CUSTOMER_EVENTS) {
      const email = renderCustomerEmail(event, language, linked);
      const carried = [linked.answerLink, linked.statusLink].filter((url) => email.text.includes(url));
      expect([event, carried]).toEqual([event, expect.arrayContaining([linked.statusLink])]);
      for (const url of carried)
        expect([event, email.html]).toEqual([event, expect.stringContaining(`<a ${href(url)}`)]);
      // the links are words and a button, never the long URL as text (it would overflow a phone's screen)
      expect([event, shown(email.html)]).toEqual([event, expect.not.stringContaining('https://')]);
      expect(email.html).toContain(`<html lang="${language}">`);
      expect(email.html).toContain('max-width:600px');
      // the plain-text part keeps every link as it is
      for (const url of carried) expect(email.text).toContain(url);
    }
  },
);

test("the question emails carry their answer link as a button in the reader's language, the status link on its words", () => {
  const asking = CUSTOMER_EVENTS.filter((e) => renderCustomerEmail(e, 'en', linked).text.includes(linked.answerLink));
  expect(asking.sort()).toEqual(['invalid', 'parts_consent_request', 'plan', 'service_confirmation_request', 'survey']);
  const plan = (language: Language) => renderCustomerEmail('plan', language, linked).html;
  expect(plan('zh-CN')).toMatch(/<a href="[^"]+" style="[^"]*background:#1d5fd1[^"]*">确认方案或提出意见<\/a>/);
  expect(plan('en')).toMatch(
    /<a href="[^"]+" style="[^"]*background:#1d5fd1[^"]*">Confirm or comment on the plan<\/a>/,
  );
  expect(plan('zh-CN')).toMatch(new RegExp(`<a ${href(linked.statusLink)}[^>]*>查看投诉进度</a>`));
  expect(plan('en')).toMatch(new RegExp(`<a ${href(linked.statusLink)}[^>]*>Follow your complaint</a>`));
  // without links (no secret configured): plain paragraphs, no empty anchors
  const bare = renderCustomerEmail('plan', 'en', { ...values, plan: 'x', remedy: 'y', cost: 'z' });
  expect(bare.html).not.toContain('<a ');
  expect(bare.text).toContain('Please reply to confirm it');
});

test('the HTML part is escaped: what people typed never becomes markup', () => {
  const email = renderCustomerEmail('progress', 'en', {
    ...values,
    note: '<script>alert(1)</script> & <b>x</b>',
    statusLink: 'https://service.example.com/c/a.b?"onmouseover=x',
  });
  expect(email.html).not.toMatch(/<script|<b>/);
  expect(email.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;b&#62;x&#60;/b&#62;');
  expect(email.html).toContain('href="https://service.example.com/c/a.b?&#34;onmouseover=x"');
});

test('staff emails carry no customer link and an HTML part of the same lines', () => {
  for (const event of STAFF_EVENTS) {
    const email = renderStaffEmail(event, 'en', { ...values, statusLink: linked.statusLink });
    expect([event, email.html]).toEqual([event, expect.not.stringContaining('<a ')]);
    expect(email.html).toContain('<html lang="en">');
  }
});

test("a promised time is a date in the company's zone, in the reader's language", () => {
  const due = '2026-11-30T09:00:00.000Z';
  expect(formatInstant(new Date(due), 'zh-CN', zone)).toBe('2026年11月30日 17:00');
  expect(formatInstant(new Date(due), 'en', zone)).toBe('30 Nov 2026, 17:00');
  const given = {
    due,
    registered: due,
    received: due,
    promise: due,
    ...localized('severity', { 'zh-CN': '紧急', en: 'urgent' }),
  };
  expect(valuesFor(given, 'zh-CN', zone)).toMatchObject({ due: '2026年11月30日 17:00', severity: '紧急' });
  expect(valuesFor(given, 'en', zone)).toMatchObject({ promise: '30 Nov 2026, 17:00', severity: 'urgent' });
});

/** Values that are data or typed by people: quoted as they are, whatever the language. */
const asTyped = {
  number: '202611-001',
  customer: 'Acme Pumps Ltd',
  product: 'XR-200',
  serial: 'SN123',
  phone: '+86 21 5555 0100',
  region: 'east',
  engineer: 'Engineer East',
  description: 'Pump stops after 10 minutes',
  plan: 'replace the drive',
  remedy: 'replace with the same model; we pay freight',
  level: '2',
  levels: '3',
  retention: '5',
  procedureCode: 'CR-MP25',
};
const staffNote = 'customer unreachable by phone';

/** A complaint of the profile's first type, owned and dated, in execution. */
function complaintOf(profile: Profile): ComplaintState {
  const registeredAt = '2026-11-23T02:00:00.000Z';
  const facts = {};
  const state = newComplaintState(
    profile,
    { number: asTyped.number, registeredAt, channel: 'email', warranty: 'in', facts },
    true,
  );
  const type = profile.complaintTypes[0]!;
  Object.assign(state, {
    type: type.id,
    department: type.department,
    ownerRoles: [type.ownerRole],
    stage: 'execution',
    plan: {
      summary: asTyped.plan,
      customerRemedy: [asTyped.remedy],
      correctiveActions: [],
      costBorneBy: 'customer',
      quote: { amount: 800, currency: 'CNY' },
      completeBy: '2026-12-18',
      suggestedRemedy: [],
    },
  });
  return state;
}

/** Every note an email can carry: what the system writes (in both languages) and what staff typed. */
const NOTES: Array<Label | string> = [
  ...Object.values(CLOSE_REASONS),
  ...Object.values(ESCALATION_REASONS),
  SYSTEM_NOTES.scheduledProgress,
  SYSTEM_NOTES.emergencyPlanOverdue,
  SYSTEM_NOTES.missed('first_contact'),
  clockName('arrival'),
  staffNote,
];

function renderAll(profile: Profile, language: Language): string[] {
  const workflow = templateValues(complaintOf(profile), profile, '2026-11-30T09:00:00.000Z');
  return NOTES.flatMap((note) => {
    const noted = typeof note === 'string' ? { note } : localized('note', note);
    const given: TemplateValues = {
      ...asTyped,
      registered: '2026-11-23T02:00:00.000Z',
      received: '2026-11-23T01:00:00.000Z',
      promise: '2026-11-23T06:00:00.000Z',
      ...workflow,
      ...noted,
      ...localized('bring', visitKit(profile)),
    };
    const mine = valuesFor(given, language, zone);
    return [
      ...CUSTOMER_EVENTS.map((e) => renderCustomerEmail(e, language, mine)),
      ...STAFF_EVENTS.map((e) => renderStaffEmail(e, language, mine)),
    ].map((email) => `${email.subject}\n${email.text}`);
  });
}

/** The text with the values quoted as typed taken out (longest first, so none hides in another). */
function withoutTyped(text: string): string {
  const typed = [...Object.values(asTyped), staffNote].sort((a, b) => b.length - a.length);
  return typed.reduce((rest, value) => rest.split(value).join(''), text);
}

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

test.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))(
  'every %s email in Chinese is Chinese, every one in English is English, with no ISO timestamp',
  (_id, profile) => {
    const zh = renderAll(profile, 'zh-CN');
    const en = renderAll(profile, 'en');
    for (const text of zh) {
      expect([text, withoutTyped(text).match(/[A-Za-z]+/g)]).toEqual([text, null]);
      expect(text).not.toMatch(ISO);
      expect(text).not.toMatch(/\{\{|\|\|/);
    }
    for (const text of en) {
      expect([text, text.match(/[\u3000-\u9fff\uff00-\uffef]+/g)]).toEqual([text, null]);
      expect(text).not.toMatch(ISO);
    }
    expect(zh.join()).toContain('2026年11月30日 17:00');
    expect(en.join()).toContain('30 Nov 2026, 17:00');
  },
);

test('the engineer matched for a visit has a mailbox of their own', () => {
  const { recipients, unknown } = resolveMailboxes(DEFAULT_DIRECTORY, ['engineer:Engineer East', 'engineer:Nobody']);
  expect(recipients).toEqual([{ name: 'Engineer East', email: 'engineer-east@example.com', language: 'zh-CN' }]);
  expect(unknown).toEqual(['engineer:Nobody']);
});

test('the engineer is told the complaint, customer, region, product, visit date and what to bring', () => {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === 'after-sales')!;
  const given = { ...asTyped, due: '2026-11-30T09:00:00.000Z', ...localized('bring', visitKit(profile)) };
  const zh = renderStaffEmail('engineer_visit', 'zh-CN', valuesFor(given, 'zh-CN', zone)).text;
  for (const part of ['202611-001', 'Acme Pumps Ltd', 'east', 'XR-200', '2026年11月30日 17:00', '服务确认单'])
    expect(zh).toContain(part);
  const en = renderStaffEmail('engineer_visit', 'en', valuesFor(given, 'en', zone)).text;
  expect(en).toContain('arrive on site by 30 Nov 2026, 17:00');
  expect(en).toContain('the service confirmation for the customer to sign');
});

test('000 二(五): the plan the customer receives and the approved plan sales explain say when and who pays', () => {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === 'industrial-fault')!;
  const state = complaintOf(profile);
  const given = { ...values, ...templateValues(state, profile) };
  const text = (language: Language) =>
    [
      renderCustomerEmail('plan', language, valuesFor(given, language, zone)).text,
      renderStaffEmail('plan_approved', language, valuesFor(given, language, zone)).text,
    ].join('\n');
  expect(text('en')).toMatch(/Done by: 18 Dec 2026[\s\S]*Cost: paid by you, quoted 800 CNY[\s\S]*Done by: 18 Dec 2026/);
  expect(text('zh-CN')).toMatch(
    /完成时间：2026年12月18日[\s\S]*费用：由客户承担，报价 800 元[\s\S]*完成时间：2026年12月18日/,
  );
  state.plan = { ...state.plan!, costBorneBy: 'company', quote: undefined, completeBy: undefined };
  const company = { ...values, ...templateValues(state, profile) };
  const customerEn = renderCustomerEmail('plan', 'en', valuesFor(company, 'en', zone)).text;
  expect(customerEn).toContain('Cost: borne by us');
  expect(customerEn).not.toContain('Done by');
  expect(renderStaffEmail('plan_approved', 'en', valuesFor(company, 'en', zone)).text).toContain(
    'Done by: not in the plan; agree it with technical support.',
  );
});
