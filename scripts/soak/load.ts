/**
 * The soak's steady mixed load: complaints registered under all five procedures and walked step by step by the
 * roles each procedure names, standalone 8Ds walked to closure, recalls over imported shipments with their
 * ledger answered, and bursts of registrations. Every 2xx answer goes into the load log the checker reads.
 */
import { randomUUID } from 'node:crypto';
import type { ActionName } from '../../domain/complaint/actions';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Profile } from '../../domain/profile-schema';
import type { Role } from '../../domain/roles';
import { PROCEDURE_WALKS } from '../../test/support/clock-paths';
import { DISCIPLINE_DATA } from '../../test/support/discipline-data';
import { registrationBody } from '../../test/support/registration-body';
import type { Answer, SoakClient } from './client';
import type { LoadLog } from './load-log';
import type { Rng } from './rng';

export interface LoadCounts {
  registrations: number;
  actions: number;
  walksFinished: number;
  walksStopped: number;
  correctiveActionSteps: number;
  recalls: number;
  ledgerAnswers: number;
  bursts: number;
  /** Why walks stopped before their end: `action status` (status 0: no answer, or the complaint never settled). */
  walkStops: Record<string, number>;
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
    walkStops: {},
  };
  stopping = false;

  constructor(
    private readonly client: SoakClient,
    private readonly log: LoadLog,
    private readonly rng: Rng,
  ) {}

  /** One client's loop: scenario after scenario until the load stops. */
  async run(): Promise<void> {
    while (!this.stopping) {
      const scenario = this.rng.weighted({ complaint: 14, correctiveAction: 3, recall: 1 });
      if (scenario === 'complaint') await this.walkComplaint(this.rng.pick(BUILT_IN_PROFILES));
      else if (scenario === 'correctiveAction') await this.walkCorrectiveAction();
      else await this.runRecall();
    }
  }

  /** Registers a complaint; its number, or undefined when the API never answered 2xx. */
  async register(profileId: string): Promise<string | undefined> {
    const key = `soak-${randomUUID()}`;
    const answer = await this.client.call(
      'POST',
      '/api/v1/complaints',
      'customer_service',
      {
        ...registrationBody({ profileId }),
        profileId,
      },
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
    for (const [action, role, payload] of PROCEDURE_WALKS[profile.id] ?? []) {
      const settled = await this.settled(`/api/v1/complaints/${number}`);
      if (this.stopping) return;
      if (!settled) return this.stopWalk(`${action} unsettled`);
      const key = `soak-${randomUUID()}`;
      const answer = await this.client.call(
        'POST',
        `/api/v1/complaints/${number}/actions/${action}`,
        takerRole(profile, action, role),
        payload,
        key,
      );
      if (!answer || answer.status !== 200) return this.stopWalk(`${action} ${answer?.status ?? 'unanswered'}`);
      this.counts.actions += 1;
      this.log.actions.push({ number, action, idempotencyKey: key, stageAfter: answer.body.stage!, at: now() });
    }
    this.counts.walksFinished += 1;
  }

  private stopWalk(why: string): void {
    this.counts.walksStopped += 1;
    this.counts.walkStops[why] = (this.counts.walkStops[why] ?? 0) + 1;
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
