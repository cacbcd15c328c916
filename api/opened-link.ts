import type { Language } from '../domain/registration';
import type { Complaint } from '../generated/prisma/client';
import type { LinkPayload } from '../infra/customer-links';

/** A verified link, with the complaint it is bound to. */
export interface OpenedLink {
  /** The token as the link carries it (the page's own address is `/c/<token>`). */
  token: string;
  payload: LinkPayload;
  complaint: Complaint;
  language: Language;
}
