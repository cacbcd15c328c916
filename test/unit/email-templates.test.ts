import { renderCustomerEmail } from '../../activities/email-templates';

const values = { number: '202611-001', customer: 'Acme', product: 'XR-200', registered: '23 Nov 2026' };

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
