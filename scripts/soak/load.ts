/**
 * The soak's steady mixed load: complaints registered under all five procedures and walked step by step by the
 * roles each procedure names, standalone 8Ds walked to closure, recalls over imported shipments with their
 * ledger answered, maintenance visits and the monthly report's backfill (./upkeep.ts), and bursts of registrations. Every 2xx answer goes into the load log the checker reads.
 */
import { randomUUID } from 'node:crypto';
import type { ActionName } from '../../domain/complaint/actions';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Profile } from '../../domain/profile-schema';
import type { Role } from '../../domain/roles';
import { PROCEDURE_WALKS } from '../../test/support/clock-paths';
import { DISCIPLINE_DATA } from '../../test/support/discipline-data';
import { registrationBody } from '../../test/support/registration-body';
import type { CaughtMail } from '../../infra/mail-catcher';
import type { Answer, SoakClient } from './client';
import { answerByLink, linkIn } from './customer-link';
import { replyByEmail } from './customer-reply';
import type { LoadLog } from './load-log';
import type { Rng } from './rng';
import { backfillMonthlyReport, visitMaintenance, type Operations, type UpkeepDeps } from './upkeep';

export interface LoadCounts {
  registrations: number;
  actions: number;
  walksFinished: number;
  walksStopped: number;
  correctiveActionSteps: number;
  recalls: number;
  ledgerAnswers: number;
  bursts: number;
  linkAnswers: number;
  replies: number;
  maintenanceVisits: number;
  reportRuns: number;
  /** Why walks stopped before their end: `action status` (status 0: no answer, or the complaint never settled). */
  walkStops: Record<string, number>;
  /** The first few stops with their complaint and the API's message, to look into. */
  stopDetails: string[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => new Date().toISOString();

/** The first role the procedure lets take `action` (its approvers for approvals), else the walk's own. */
function takerRole(profile: Profile, action: ActionName, fallback: Role): Role {
  const named = profile.permissions?.actions[action];
  const takers = named?.by.map((id) => profile.permissions!.roles.find((r) => r.id === id)!.staffRole);
  return (takers ?? profile.approvals?.plan ?? [])[0] ?? fallback;
}

const CAR_PAYLOADS: Record<string, object> = {
  ...DISCIPLINE_DATA,
  approveBlock: {},
  verifyEffectiveness: { effective: true, evidence: 'three lots without a failure' },
};

export class Load {
  readonly counts: LoadCounts = {
    registrations: 0,
    actions: 0,
    walksFinished: 0,
    walksStopped: 0,
    correctiveActionSteps: 0,
    recalls: 0,
    ledgerAnswers: 0,
    bursts: 0,
    linkAnswers: 0,
    replies: 0,
    maintenanceVisits: 0,
    reportRuns: 0,
    walkStops: {},
    stopDetails: [],
  };
  stopping = false;

  constructor(
    private readonly client: SoakClient,
    private readonly log: LoadLog,
    private readonly rng: Rng,
    /** What the customers see: the emails sent to them and the APIs serving their pages. */
    private readonly customers: { mail: () => readonly CaughtMail[]; apis: () => string[]; replyPorts: () => number[] },
    private readonly operations: Operations,
  ) {}

  private get upkeep(): UpkeepDeps {
    const { client, log, rng, operations } = this;
    return { client, log, rng, operations, stopping: () => this.stopping, stop: (why, d) => this.stopWalk(why, d) };
  }

  /** One client's loop: scenario after scenario until the load stops. */
  async run(): Promise<void> {
    while (!this.stopping) {
      const scenario = this.rng.weighted({
        complaint: 28,
        correctiveAction: 6,
        recall: 2,
        objection: 4,
        reply: 4,
        maintenance: 3,
        backfill: 1,
      });
      if (scenario === 'complaint') await this.walkComplaint(this.rng.pick(BUILT_IN_PROFILES));
      else if (scenario === 'maintenance') this.counts.maintenanceVisits += Number(await visitMaintenance(this.upkeep));
      else if (scenario === 'backfill') await this.backfill();
      else if (scenario === 'correctiveAction') await this.walkCorrectiveAction();
      else if (scenario === 'objection') await this.objectByLink();
      else if (scenario === 'reply') await this.replyByEmail();
      else await this.runRecall();
    }
  }

  /** Last month's report backfilled (run.ts also runs one at the start, so even a short soak has one). */
  async backfill(): Promise<void> {
    this.counts.reportRuns += Number(await backfillMonthlyReport(this.upkeep));
  }

  /** Registers a complaint; its number, or undefined when the API never answered 2xx. */
  async register(profileId: string, body = registrationBody({ profileId })): Promise<string | undefined> {
    const key = `soak-${randomUUID()}`;
    const answer = await this.client.call(
      'POST',
      '/api/v1/complaints',
      'customer_service',
      { ...body, profileId },
      key,
    );
    if (!answer || answer.status >= 300) return undefined;
    this.counts.registrations += 1;
    this.log.registrations.push({
      idempotencyKey: key,
      number: answer.body.number!,
      profileId,
      staffId: 'bench-customer_service',
      at: now(),
    });
    return answer.body.number;
  }

  /** A burst of registrations at once (not walked further). */
  async burst(size: number): Promise<void> {
    this.counts.bursts += 1;
    await Promise.all(Array.from({ length: size }, () => this.register(this.rng.pick(BUILT_IN_PROFILES).id)));
  }

  private async walkComplaint(profile: Profile): Promise<void> {
    const number = await this.register(profile.id);
    if (!number) return;
    for (const [action, role, payload] of PROCEDURE_WALKS[profile.id] ?? [])
      if (!(await this.step(profile, number, action, role, payload))) return;
    this.counts.walksFinished += 1;
  }

  /** One step of a walk once the complaint has settled, by the role the procedure names; false when the walk stops. */
  private async step(profile: Profile, number: string, action: ActionName, role: Role, payload: unknown) {
    const settled = await this.settled(`/api/v1/complaints/${number}`);
    if (this.stopping) return false;
    if (!settled) return this.stopWalk(`${action} unsettled`);
    const key = `soak-${randomUUID()}`;
    const path = `/api/v1/complaints/${number}/actions/${action}`;
    const answer = await this.client.call('POST', path, takerRole(profile, action, role), payload, key);
    if (!answer || answer.status !== 200) {
      const message = answer?.body.message ?? '';
      const retried = (answer?.attempts ?? 1) > 1 ? ` (answered on attempt ${answer!.attempts})` : '';
      return this.stopWalk(`${action} ${answer?.status ?? 'unanswered'}`, `${number}: ${message}${retried}`);
    }
    this.counts.actions += 1;
    this.log.actions.push({ number, action, idempotencyKey: key, stageAfter: answer.body.stage!, at: now() });
    return true;
  }

  /** A customer replies by email to the acknowledgement of a complaint just registered. */
  private async replyByEmail(): Promise<void> {
    const body = registrationBody({ profileId: 'industrial-fault' });
    const number = await this.register('industrial-fault', body);
    if (!number || !(await this.settled(`/api/v1/complaints/${number}`))) return;
    const messageId = await replyByEmail(this.customers.replyPorts, body.customer.email, number);
    if (!messageId) return void this.stopWalk('reply never accepted');
    this.counts.replies += 1;
    this.log.replies.push({ number, messageId, at: now() });
  }

  /** 004: found invalid; the customer objects through the link of the email that said so. */
  private async objectByLink(): Promise<void> {
    const body = registrationBody({ profileId: 'cr-mp25' });
    const number = await this.register('cr-mp25', { ...body, customer: { ...body.customer, language: 'en' } });
    if (!number) return;
    const steps: Array<[ActionName, object]> = [
      ['classify', { type: 'quality_in_warranty' }],
      ['checkValidity', { valid: false, reason: 'used outside the specification', customerContacted: true }],
    ];
    const profile = BUILT_IN_PROFILES.find((p) => p.id === 'cr-mp25')!;
    for (const [action, payload] of steps)
      if (!(await this.step(profile, number, action, 'quality_manager', payload))) return;
    const link = await linkIn(this.customers.mail, body.customer.email, 'invalid_objection');
    if (!link) return void this.stopWalk('invalid_objection link never came');
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      const api = this.rng.pick(this.customers.apis());
      const status = api && (await answerByLink(api, link.token, { reason: 'as the manual says' }));
      if (status === 200) {
        this.counts.linkAnswers += 1;
        this.log.linkAnswers.push({ number, jti: link.payload.j, purpose: 'invalid_objection', at: now() });
        return;
      }
      if (status && status < 500) return void this.stopWalk(`invalid_objection by link ${status}`);
      await pause(1_000);
    }
  }

  private stopWalk(why: string, detail?: string): false {
    this.counts.walksStopped += 1;
    if (detail && this.counts.stopDetails.length < 20) this.counts.stopDetails.push(`${why} — ${detail}`);
    this.counts.walkStops[why] = (this.counts.walkStops[why] ?? 0) + 1;
    return false;
  }

  /** Until what `path` reads has no effects pending (bounded); false when it never settled. */
  private async settled(path: string, deadlineMs = 90_000): Promise<boolean> {
    const until = Date.now() + deadlineMs;
    while (Date.now() < until && !this.stopping) {
      const answer = await this.client.call('GET', path, 'quality_manager');
      if (answer?.status === 200 && answer.body.live?.pendingEffects === 0) return true;
      await pause(300);
    }
    return false;
  }

  /** A standalone 8D (an audit finding) walked through the disciplines it offers, one step at a time. */
  private async walkCorrectiveAction(): Promise<void> {
    const opening = {
      source: 'audit',
      reason: 'audit finding: reflow drift',
      product: { model: 'HX-300' },
      technical: true,
    };
    const opened = await this.client.call(
      'POST',
      '/api/v1/corrective-actions',
      'quality_manager',
      opening,
      `soak-${randomUUID()}`,
    );
    if (!opened || opened.status >= 300) return;
    const car = opened.body.number!;
    for (let step = 0; step < 20 && !this.stopping; step++) {
      if (!(await this.settled(`/api/v1/corrective-actions/${car}`))) return;
      const live = (await this.client.call('GET', `/api/v1/corrective-actions/${car}`, 'quality_manager'))?.body.live;
      const next = live?.openActions?.find((a) => a.action in CAR_PAYLOADS);
      if (!next) return;
      const key = `soak-${randomUUID()}`;
      const answer = await this.client.call(
        'POST',
        `/api/v1/corrective-actions/${car}/actions/${next.action}`,
        next.roles[0]!,
        CAR_PAYLOADS[next.action],
        key,
      );
      if (answer?.status !== 200) return;
      this.counts.correctiveActionSteps += 1;
      this.log.correctiveActionSteps.push({ carNumber: car, action: next.action, idempotencyKey: key, at: now() });
    }
  }

  /** Shipments of a lot to a few consignees, a recall of the lot, each consignee's acknowledgement and return. */
  private async runRecall(): Promise<void> {
    const lot = `L-${randomUUID().slice(0, 8)}`;
    const shipments = Array.from({ length: 5 }, (_, i) => ({
      id: `S-${lot}-${i}`,
      customerName: `Consignee ${i}`,
      customerEmail: `consignee-${i}-${lot.toLowerCase()}@example.com`,
      customerLanguage: i % 2 ? 'en' : 'zh-CN',
      shipTo: `Warehouse ${i}`,
      productModel: 'HX-300',
      lot,
      quantity: 2,
      shippedAt: '2026-10-01',
    }));
    const imported = await this.client.call('POST', '/api/v1/shipments', 'quality_manager', { shipments });
    if (!imported || imported.status >= 300) return;
    const opened = await this.client.call(
      'POST',
      '/api/v1/recalls',
      'quality_manager',
      { productModel: 'HX-300', lots: [lot], risk: 'may overheat', remedy: 'free replacement' },
      `soak-${randomUUID()}`,
    );
    if (!opened || opened.status >= 300) return;
    this.counts.recalls += 1;
    const recall = opened.body.number!;
    if (!(await this.settledRecall(recall))) return;
    for (let ordinal = 1; ordinal <= shipments.length && !this.stopping; ordinal++) {
      await this.ledger(recall, ordinal, 'acknowledge', { quantityOnHand: 1, channel: 'phone' });
      await this.ledger(recall, ordinal, 'return', { quantity: 1 });
    }
  }

  private async settledRecall(recall: string): Promise<boolean> {
    const until = Date.now() + 120_000;
    while (Date.now() < until && !this.stopping) {
      const live = (await this.client.call('GET', `/api/v1/recalls/${recall}`, 'quality_manager'))?.body.live;
      if (live?.phase === 'monitoring' && live.pendingEffects === 0) return true;
      await pause(500);
    }
    return false;
  }

  private async ledger(recall: string, ordinal: number, action: string, body: object): Promise<Answer | undefined> {
    const key = `soak-${randomUUID()}`;
    const answer = await this.client.call(
      'POST',
      `/api/v1/recalls/${recall}/consignees/${ordinal}/${action}`,
      'sales',
      body,
      key,
    );
    if (answer?.status !== 200) return answer;
    this.counts.ledgerAnswers += 1;
    this.log.ledgerAnswers.push({ recallNumber: recall, ordinal, action, idempotencyKey: key, at: now() });
    return answer;
  }
}
