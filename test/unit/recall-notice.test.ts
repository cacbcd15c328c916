import { renderRecallNotice, type RecallLanguage, type RecallNoticeFacts } from '../../mail/recall-notice';

const zone = 'Asia/Shanghai';

const facts: RecallNoticeFacts = {
  recallNumber: '202611-002',
  consigneeName: 'Acme Pumps Ltd',
  productModel: 'P-200',
  lots: ['B77'],
  serials: ['SN-0001', 'SN-0002'],
  quantity: 12,
  shipTo: 'Warehouse 3, Pudong, Shanghai',
  firstShippedAt: '2026-11-03T20:00:00Z', // 4 Nov in Shanghai
  lastShippedAt: '2026-11-19T18:00:00Z', // 20 Nov in Shanghai
  risk: 'The power cord can overheat and start a fire.',
  remedy: 'Free replacement of the power cord, or a full refund.',
  deadline: '2026-12-15T09:00:00Z', // 17:00 in Shanghai
  answer: { email: 'recall@example.com', phone: '+86 21 5555 0100' },
};

/** What each language must say (besides the facts, which are quoted as typed). */
const expected: Record<
  RecallLanguage,
  { heading: string; shipped: string; deadline: string; quantity: string; stop: string; isolate: string[] }
> = {
  en: {
    heading: 'Product safety recall',
    shipped: '4 Nov 2026 – 20 Nov 2026',
    deadline: 'Answer us by 15 Dec 2026, 17:00',
    quantity: '12 units',
    stop: 'Stop using, selling and distributing the product at once.',
    isolate: ['Label and isolate the remaining stock'],
  },
  'zh-CN': {
    heading: '产品安全召回',
    shipped: '2026年11月4日 至 2026年11月20日',
    deadline: '请于 2026年12月15日 17:00 之前答复',
    quantity: '12 件',
    stop: '立即停止使用、销售和分发该产品。',
    isolate: ['标识', '隔离'],
  },
};

describe.each(['en', 'zh-CN'] as const)('the %s recall notice', (language) => {
  const e = expected[language];
  const email = renderRecallNotice('notice', language, facts, zone);

  test('carries every required element, in the text and in the HTML', () => {
    for (const part of [email.text, email.html]) {
      for (const element of [
        e.heading,
        facts.recallNumber,
        facts.consigneeName,
        'P-200',
        'B77',
        'SN-0001',
        'SN-0002',
        facts.shipTo,
        e.shipped,
        e.quantity,
        facts.risk,
        e.stop,
        ...e.isolate,
        facts.remedy,
        'recall@example.com',
        '+86 21 5555 0100',
        e.deadline,
      ])
        expect(part).toContain(element);
    }
  });

  test('opens with the heading and names it in the subject', () => {
    expect(email.text.startsWith(`${e.heading}\n`)).toBe(true);
    expect(email.html).toMatch(new RegExp(`<body[^>]*>(<div[^>]*>)?<h1[^>]*>${e.heading}</h1>`));
    expect(email.subject.startsWith(`${e.heading} 202611-002 — `)).toBe(true);
    expect(email.html).toContain(`<html lang="${language}">`);
    expect(email.text).not.toMatch(/[ \t]\n/); // no trailing blanks in the text part
  });

  test('dates are days in the time zone, the deadline with its hour', () => {
    expect(email.text).not.toContain('2026-11-03');
    expect(email.text).not.toMatch(/3 Nov|11月3日/);
  });

  test('asks for an answer even with no stock left, and to forward the notice', () => {
    const text = email.text;
    if (language === 'en') {
      expect(text).toContain('even if you no longer hold any, so that we can record 0');
      expect(text).toContain('forward this notice to them');
      expect(text).toContain('quoting recall number 202611-002');
    } else {
      expect(text).toContain('即使贵方已无库存，也请答复');
      expect(text).toContain('将本通知转发给对方');
      expect(text).toContain('注明召回编号 202611-002');
    }
  });

  test('links the answer address and phone in the HTML', () => {
    expect(email.html).toContain('href="mailto:recall@example.com?subject=');
    expect(email.html).toContain('href="tel:+862155550100"');
  });

  test('a single shipment day is one date, and no phone means no phone', () => {
    const oneDay = renderRecallNotice(
      'notice',
      language,
      { ...facts, lastShippedAt: '2026-11-04T03:00:00Z', answer: { email: 'recall@example.com' } },
      zone,
    );
    const day = e.shipped.split(/ – | 至 /)[0]!;
    expect(oneDay.text).toContain(day);
    expect(oneDay.text).not.toContain(e.shipped);
    expect(oneDay.text).not.toMatch(/ – | 至 /);
    expect(oneDay.text).not.toContain('+86');
    expect(oneDay.html).not.toContain('tel:');
  });
});

test('the subjects name the product and its lot', () => {
  expect(renderRecallNotice('notice', 'en', facts, zone).subject).toBe(
    'Product safety recall 202611-002 — P-200, lot B77',
  );
  expect(renderRecallNotice('notice', 'zh-CN', facts, zone).subject).toBe('产品安全召回 202611-002 — P-200，批号 B77');
});

test('a reminder says which reminder it is and repeats the whole notice', () => {
  const notice = renderRecallNotice('notice', 'en', facts, zone);
  const en = renderRecallNotice('reminder', 'en', facts, zone, 2);
  const zh = renderRecallNotice('reminder', 'zh-CN', facts, zone, 2);
  expect(en.subject).toBe('Reminder 2: Product safety recall 202611-002 — P-200, lot B77');
  expect(zh.subject).toBe('第2次提醒：产品安全召回 202611-002 — P-200，批号 B77');
  expect(en.text).toContain('Reminder 2 of the recall notice');
  expect(zh.text).toContain('召回通知第2次提醒');
  expect(en.html).toContain('Reminder 2 of the recall notice');
  // everything the notice says after its heading is in the reminder too
  const [heading, ...rest] = notice.text.split('\n\n');
  expect(en.text.startsWith(`${heading}\n\n`)).toBe(true);
  expect(en.text.endsWith(rest.join('\n\n'))).toBe(true);
  expect(renderRecallNotice('reminder', 'en', facts, zone, 1).subject).toMatch(/^Reminder 1: /);
});

test('a reminder without its number (or with a bad one) is refused', () => {
  expect(() => renderRecallNotice('reminder', 'en', facts, zone)).toThrow(RangeError);
  expect(() => renderRecallNotice('reminder', 'en', facts, zone, 0)).toThrow(RangeError);
  expect(() => renderRecallNotice('reminder', 'en', facts, zone, 1.5)).toThrow(RangeError);
});

test('many lots: all listed in the body, the subject shows the first and how many more', () => {
  const lots = ['B77', 'B78', 'B79', 'C01', 'C02'];
  const en = renderRecallNotice('notice', 'en', { ...facts, lots }, zone);
  const zh = renderRecallNotice('notice', 'zh-CN', { ...facts, lots }, zone);
  expect(en.subject).toBe('Product safety recall 202611-002 — P-200, lots B77 +4');
  expect(zh.subject).toBe('产品安全召回 202611-002 — P-200，批号 B77 +4');
  expect(en.text).toContain('Lots: B77, B78, B79, C01, C02');
  expect(zh.text).toContain('批号：B77、B78、B79、C01、C02');
  for (const lot of lots) expect(en.html).toContain(lot);
});

test('serials only, or no model: the subject names what there is', () => {
  const serialsOnly = { ...facts, lots: [], serials: ['SN-0001', 'SN-0002', 'SN-0003'] };
  expect(renderRecallNotice('notice', 'en', serialsOnly, zone).subject).toBe(
    'Product safety recall 202611-002 — P-200, serials SN-0001 +2',
  );
  expect(renderRecallNotice('notice', 'zh-CN', { ...serialsOnly, productModel: null }, zone).subject).toBe(
    '产品安全召回 202611-002 — 序列号 SN-0001 +2',
  );
  const noLots = renderRecallNotice('notice', 'en', serialsOnly, zone);
  expect(noLots.text).not.toContain('Lots:');
  expect(() =>
    renderRecallNotice('notice', 'en', { ...facts, productModel: null, lots: [], serials: [] }, zone),
  ).toThrow(RangeError);
});

test('staff-written text is escaped in the HTML and quoted as typed in the text', () => {
  const hostile: RecallNoticeFacts = {
    ...facts,
    consigneeName: '<script>alert("name")</script>',
    risk: '<script>alert(1)</script> & <b>fire</b>',
    remedy: '<script>alert(2)</script>',
    shipTo: '<img src=x onerror=alert(3)>',
    lots: ['<i>B77</i>'],
  };
  for (const language of ['en', 'zh-CN'] as const) {
    const email = renderRecallNotice('notice', language, hostile, zone);
    expect(email.html).not.toMatch(/<script|<img|<b>|<i>/i);
    expect(email.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;b&#62;fire&#60;/b&#62;');
    expect(email.html).toContain('&#60;script&#62;alert(2)&#60;/script&#62;');
    expect(email.html).toContain('&#60;script&#62;alert(&#34;name&#34;)&#60;/script&#62;');
    expect(email.text).toContain(hostile.risk);
    expect(email.text).toContain(hostile.remedy);
  }
});

test('a line break typed into a lot does not break the subject line', () => {
  const email = renderRecallNotice('notice', 'en', { ...facts, lots: ['B77\r\nBcc: x@y'] }, zone);
  expect(email.subject).not.toMatch(/[\r\n]/);
});
