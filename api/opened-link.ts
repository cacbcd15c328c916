import type { Language } from '../domain/registration';
import type { Client } from '@temporalio/client';
import type { Complaint } from '../generated/prisma/client';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { LinkPayload } from '../infra/customer-links';

/** A verified link, with the complaint it is bound to. */
export interface OpenedLink {
  /** The token as the link carries it (the page's own address is `/c/<token>`). */
  token: string;
  payload: LinkPayload;
  complaint: Complaint;
  language: Language;
}

/** What the customer's pages (status page and questions) are read from and rendered with. */
export interface LinkPageDeps {
  prisma: PrismaClient;
  temporal: Client;
  logger: Logger;
  /** COMPLAINT_TIMEZONE: the times on the pages. */
  timeZone: string;
  /** CUSTOMER_LINK_SECRET first, then CUSTOMER_LINK_PREVIOUS_SECRETS: waiting questions' links are signed with the first. */
  secrets: string[];
  now: () => Date;
}
