/**
 * The 8D report email to the customer carries the status link like every other customer email (issue 25):
 * in the plain text as it is, in the HTML part as a real link; the link opens the complaint's status page.
 * Real PostgreSQL and SMTP (the mail catcher); the report activity run directly.
 */
import { createCorrectiveActionReportActivities } from '../../activities/corrective-action-report';
import { insertComplaint } from '../../api/complaint-store';
import { registrationSchema, type Language } from '../../domain/registration';
import { verifyLinkToken } from '../../infra/customer-links';
import { createPrisma, type PrismaClient } from '../../infra/database';
import { DEFAULT_DIRECTORY } from '../../infra/directory';
import { createLogger } from '../../infra/logger';
import { startMailCatcher, type MailCatcher } from '../../infra/mail-catcher';
import { createMailer } from '../../infra/mailer';
import { createProfileRegistry } from '../../infra/profile-registry';
import { closedEightD } from '../support/corrective-action-report-fixture';
import { eventually, registrationBody } from '../support/harness';
import { testStack } from '../support/stack-registry';

const SECRET = 'integration-eight-d-status-link-secret-0123456789';
const BASE_URL = 'https://service.example.com';
const pinned = createProfileRegistry().get('cr-mp25')!;
let prisma: PrismaClient;
let catcher: MailCatcher;

beforeAll(async () => {
  prisma = createPrisma(testStack().databaseUrl, 2);
  catcher = await startMailCatcher();
});

afterAll(async () => {
  await catcher?.stop();
  await prisma?.$disconnect();
});

test.each(['zh-CN', 'en'] as const)('the 8D report email (%s) carries the status link', async (language: Language) => {
  const body = registrationBody();
  const registration = registrationSchema.parse({ ...body, customer: { ...body.customer, language } });
  const { complaint } = await insertComplaint(prisma, registration, {
    pinned,
    now: new Date(),
    timeZone: 'Asia/Shanghai',
  });
  const status = closedEightD(complaint.number, language);
  const report = createCorrectiveActionReportActivities({
    prisma,
    mailer: createMailer(catcher.smtpUrl, 'desk@example.com'),
    logger: createLogger('silent'),
    now: () => new Date(),
    timeZone: 'Asia/Shanghai',
    directory: DEFAULT_DIRECTORY,
    customerLinks: { secret: SECRET, baseUrl: BASE_URL },
  });
  const input = {
    complaintNumber: complaint.number,
    status,
    profile: { id: pinned.profile.id, name: pinned.profile.name },
  };
  expect((await report.sendCorrectiveActionReport(input)).delivery).toBe('sent');
  const mail = await eventually(async () => catcher.messages.find((m) => m.to.includes(complaint.customerEmail)));
  const line = language === 'en' ? 'Follow your complaint: ' : '查看投诉进度：';
  const link = new RegExp(`${line}(${BASE_URL}/c/(\\S+))`).exec(mail.text);
  expect(link).not.toBeNull();
  const verified = verifyLinkToken([SECRET], link![2]!);
  expect(verified.ok && verified.payload).toMatchObject({ n: complaint.number, p: 'status' });
  expect(mail.html).toContain(`<a href="${link![1]}"`);
  expect(mail.attachments).toHaveLength(1);
});
