import { startReplyListener } from '../../api/complaint-replies';
import { DEFAULT_DIRECTORY } from '../../infra/directory';
import type { InboundListener } from '../../infra/inbound-mail';
import { createLogger } from '../../infra/logger';
import { createProfileRegistry } from '../../infra/profile-registry';
import type { Harness } from './harness';

/** The listener for customers' replies the API process starts, over the harness's database, mailer and settings. */
export async function startHarnessReplyListener(h: Harness): Promise<InboundListener> {
  const listener = await startReplyListener(h.config, {
    prisma: h.prisma,
    mailer: h.mailer,
    logger: createLogger('silent'),
    directory: DEFAULT_DIRECTORY,
    profiles: createProfileRegistry(),
  });
  if (!listener) throw new Error('no reply listener: the harness needs REPLY_MAILBOX and INBOUND_SMTP_PORT');
  return listener;
}
