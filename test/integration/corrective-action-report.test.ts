/**
 * The 8D report activity on the real stack: PostgreSQL (archive, outbox) and SMTP (the mail catcher). The
 * customer receives the report once, as a PDF attachment whose text holds the disciplines in the customer's
 * language; the archive keeps one report; retries and a resend by hand carry the same attachment.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import {
  correctiveActionSubject,
  createCorrectiveActionReportActivities,
  reportEvent,
} from '../../activities/corrective-action-report';
import { loadCorrectiveActionReport } from '../../reports/stored-report';
import { ActivityErrors } from '../../activities/deps';
import { outboxKey, resendUncertain } from '../../mail/outbox';
import { insertComplaint } from '../../api/complaint-store';
import { DISCIPLINES } from '../../domain/corrective-action/action-names';
import { DISCIPLINE_NAMES } from '../../domain/corrective-action/state';
import { registrationSchema, type Language } from '../../domain/registration';
import { createPrisma, type PrismaClient } from '../../infra/database';
import { DEFAULT_DIRECTORY } from '../../infra/directory';
import { createLogger } from '../../infra/logger';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../infra/mail-catcher';
import { createMailer } from '../../infra/mailer';
import { createProfileRegistry } from '../../infra/profile-registry';
import { freePort } from '../../infra/temporal-dev-server';
import { closedEightD, TYPED } from '../support/corrective-action-report-fixture';
import { registrationBody } from '../support/harness';
import { testStack } from '../support/stack-registry';

const pinned = createProfileRegistry().get('cr-mp25')!;
const { profile } = pinned;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eight-d-mail-'));
let prisma: PrismaClient;
let catcher: MailCatcher;

beforeAll(async () => {
  prisma = createPrisma(testStack().databaseUrl, 2);
  catcher = await startMailCatcher();
});

afterAll(async () => {
  await catcher?.stop();
  await prisma?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

function activities(smtpUrl = catcher.smtpUrl) {
  return createCorrectiveActionReportActivities({
    prisma,
    mailer: createMailer(smtpUrl, 'desk@example.com'),
    logger: createLogger('silent'),
    now: () => new Date(),
    timeZone: 'Asia/Shanghai',
    directory: DEFAULT_DIRECTORY,
  });
}

/** A complaint registered in the database, and the closed 8D of it (texts typed in `language`). */
async function closedCorrectiveAction(language: Language) {
  const body = registrationBody();
  const registration = registrationSchema.parse({ ...body, customer: { ...body.customer, language } });
  const { complaint } = await insertComplaint(prisma, registration, {
    pinned,
    now: new Date(),
    timeZone: 'Asia/Shanghai',
  });
  const status = closedEightD(complaint.number, language);
  const input = { complaintNumber: complaint.number, status, profile: { id: profile.id, name: profile.name } };
  return { complaint, status, input };
}

const mailsTo = (to: string) => catcher.messages.filter((m) => m.to.includes(to));

function pdfText(mail: CaughtMail): string {
  const file = path.join(dir, `${mail.id}.pdf`);
  fs.writeFileSync(file, mail.attachments[0]!.content);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

test('sent twice, the customer gets the report once, as a PDF in their language; the archive keeps it once', async () => {
  const { complaint, status, input } = await closedCorrectiveAction('zh-CN');
  const report = activities();
  const first = await report.sendCorrectiveActionReport(input);
  const second = await report.sendCorrectiveActionReport(input);
  expect(first.delivery).toBe('sent');
  expect(second).toEqual({ sentAt: first.sentAt, delivery: 'already_sent' });

  // SMTP took it before the first call returned: exactly one email, with one PDF
  const mails = mailsTo(complaint.customerEmail);
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(mail.subject).toBe(`投诉 ${complaint.number} 的纠正措施报告（${status.number}）`);
  expect(mail.text).toContain('8D 报告 QR25-04');
  expect(mail.attachments).toHaveLength(1);
  expect(mail.attachments[0]).toMatchObject({
    filename: `QR25-04-${status.number}.pdf`,
    contentType: 'application/pdf',
  });
  const text = pdfText(mail);
  expect(text).toContain('8D 报告 QR25-04');
  for (const discipline of DISCIPLINES) expect(text).toContain(DISCIPLINE_NAMES[discipline]['zh-CN']);
  expect(text).toContain(TYPED['zh-CN'].cause);
  expect(text).toContain(complaint.customerName);

  // the archive: one report, the bytes that were sent
  const rows = await prisma.correctiveActionReport.findMany({ where: { carNumber: status.number } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ round: 2, complaintNumber: complaint.number, language: 'zh-CN', template: null });
  expect(Buffer.from(rows[0]!.pdf).equals(mail.attachments[0]!.content)).toBe(true);
  const pdf = await loadCorrectiveActionReport(prisma, status.number, 'pdf');
  expect(pdf).toMatchObject({ contentType: 'application/pdf', sha256: rows[0]!.sha256, round: 2 });
  expect(pdf!.body.equals(mail.attachments[0]!.content)).toBe(true);
  const html = await loadCorrectiveActionReport(prisma, status.number, 'html');
  expect(html).toMatchObject({ contentType: 'text/html; charset=utf-8', filename: `QR25-04-${status.number}.html` });
  expect(html!.body.toString('utf8')).toContain(DISCIPLINE_NAMES.D4['zh-CN']);
  expect(await loadCorrectiveActionReport(prisma, `${complaint.number}-9`, 'pdf')).toBeUndefined();

  const key = outboxKey(correctiveActionSubject(status.number), reportEvent(2), complaint.customerEmail);
  const row = await prisma.outboxEmail.findUniqueOrThrow({
    where: { idempotencyKey: key },
    include: { attachments: true },
  });
  expect(row).toMatchObject({
    status: 'sent',
    attempts: 1,
    subjectKind: 'corrective_action',
    subjectId: status.number,
  });
  expect(row.attachments).toHaveLength(1);
});

test('an SMTP outage fails the attempt; the retry sends the same report with its PDF once', async () => {
  const { complaint, status, input } = await closedCorrectiveAction('en');
  await expect(activities(`smtp://127.0.0.1:${await freePort()}`).sendCorrectiveActionReport(input)).rejects.toThrow();
  const archived = await prisma.correctiveActionReport.findFirstOrThrow({ where: { carNumber: status.number } });
  expect(await activities().sendCorrectiveActionReport(input)).toMatchObject({ delivery: 'sent' });
  const mails = mailsTo(complaint.customerEmail);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toBe(`Corrective action report ${status.number} for complaint ${complaint.number}`);
  expect(Buffer.from(archived.pdf).equals(mails[0]!.attachments[0]!.content)).toBe(true);
  const text = pdfText(mails[0]!);
  for (const discipline of DISCIPLINES) expect(text).toContain(DISCIPLINE_NAMES[discipline].en);
  expect(await prisma.correctiveActionReport.count({ where: { carNumber: status.number } })).toBe(1);
});

test('an uncertain report email resent by hand carries the same PDF, with the same Message-ID', async () => {
  const { complaint, status, input } = await closedCorrectiveAction('en');
  await activities().sendCorrectiveActionReport(input);
  const key = outboxKey(correctiveActionSubject(status.number), reportEvent(2), complaint.customerEmail);
  const row = await prisma.outboxEmail.update({ where: { idempotencyKey: key }, data: { status: 'uncertain' } });
  const mailer = createMailer(catcher.smtpUrl, 'desk@example.com');
  const deps = { prisma, mailer, logger: createLogger('silent'), now: () => new Date() };
  expect(await resendUncertain(deps, row.id)).toBe('sent');
  const [original, resent] = mailsTo(complaint.customerEmail);
  expect(resent!.messageId).toBe(original!.messageId);
  expect(resent!.attachments[0]!.content.equals(original!.attachments[0]!.content)).toBe(true);
});

test('a complaint not in the database is a non-retryable failure and nothing is archived', async () => {
  const status = closedEightD('209901-999', 'en');
  const error = await activities()
    .sendCorrectiveActionReport({
      complaintNumber: '209901-999',
      status,
      profile: { id: profile.id, name: profile.name },
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect(error).toMatchObject({ nonRetryable: true, type: ActivityErrors.complaintNotFound });
  expect(await prisma.correctiveActionReport.count({ where: { carNumber: status.number } })).toBe(0);
});
