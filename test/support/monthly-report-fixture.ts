/**
 * A month of complaints for the monthly report test, written straight into PostgreSQL (complaints, their forms,
 * SLA clocks, performance entries, shipments), plus the figures the report must show, computed here from the
 * fixture itself — independently of the report's SQL.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../infra/database';
import { monthRange } from '../../domain/months';

const DAY = 86_400_000;

/** A deterministic pseudo-random sequence (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return {
    next,
    pick,
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

const PROFILES = {
  'industrial-fault': {
    type: 'product_fault',
    department: 'technical_support',
    levels: ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied'],
    satisfied: ['very_satisfied', 'satisfied'],
  },
  'cr-mp25': {
    type: 'quality_in_warranty',
    department: 'quality',
    levels: ['satisfied', 'dissatisfied'],
    satisfied: ['satisfied'],
  },
  'after-sales': { type: 'fault_repair', department: 'after_sales', levels: null, satisfied: null },
} as const;
type ProfileId = keyof typeof PROFILES;

export interface FixtureComplaint {
  number: string;
  month: string;
  sequence: number;
  createdAt: Date;
  closedAt: Date | null;
  stage: string;
  customer: string;
  model: string;
  lot: string | null;
  channel: string;
  profileId: ProfileId;
  type: string | null;
  severity: string | null;
  department: string | null;
  units: number;
  registeredWarranty: 'in' | 'out' | 'unknown';
  classifiedWarranty?: 'in' | 'out';
  /** Causes of the diagnoses in order; the last one counts. */
  causes: string[];
  /** The defect code of the last diagnosis (004 §5.7 c): cr-mp25's list) and whether it affects later orders. */
  defectCode?: string;
  laterOrders?: boolean;
  invalid: boolean;
  objected: boolean;
  onSite: 'classification' | 'dispatch' | null;
  processed: boolean;
  survey?: { level?: string; score?: number; satisfied: boolean; at: Date };
}

export interface FixtureClock {
  number: string;
  name: string;
  /** The department it counts for: its complaint's (customer service's while the complaint has none). */
  department: string;
  /** As the workflow stored it: `unassigned` when recorded before the complaint was routed. */
  stored: string;
  dueAt: Date;
  met: boolean;
  breached: boolean;
}

export interface Fixture {
  month: string;
  timeZone: string;
  from: Date;
  to: Date;
  complaints: FixtureComplaint[];
  clocks: FixtureClock[];
  entries: Array<{ department: string; kind: 'warning' | 'penalty'; complaintNumber?: string }>;
  /** Shipments of the month, and one just after it (April in the company's zone, March in UTC). */
  shippedInMonth: number;
}

const MODELS = ['XR-200', 'HX-300', 'PX-10', 'QD-7'];
const CUSTOMERS = ['Acme Pumps', 'Beta Motors', '杭州精密机械', 'Delta Drives', 'Echo Controls', 'Fox Valves'];
const CAUSES = ['design', 'manufacturing', 'manufacturing', 'misuse', 'external'];
/** Codes of cr-mp25's defect list its diagnoses name (004 §5.7 c)). */
export const FIXTURE_DEFECT_CODES = ['solder_joint', 'component_failure', 'firmware'];
const CHANNELS = ['phone', 'email', 'web', 'dealer'];

/** Builds the fixture: `perMonth` complaints in the month, fewer in each of the five months before it. */
export function buildFixture(month: string, timeZone: string, perMonth = 120): Fixture {
  const rnd = random(20150301);
  const { from, to } = monthRange(month, timeZone);
  const complaints: FixtureComplaint[] = [];
  const clocks: FixtureClock[] = [];
  const months = [-5, -4, -3, -2, -1, 0].map((d) => {
    const y = Number(month.slice(0, 4));
    const m = Number(month.slice(4)) - 1 + d;
    const date = new Date(Date.UTC(y, m, 1));
    return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  for (const m of months) {
    const range = monthRange(m, timeZone);
    const count = m === month ? perMonth : 12;
    for (let i = 1; i <= count; i += 1) {
      const profileId = rnd.pick(Object.keys(PROFILES) as ProfileId[]);
      const profile = PROFILES[profileId];
      const classified = rnd.chance(0.9);
      const createdAt = new Date(range.from.getTime() + rnd.int(0, range.to.getTime() - range.from.getTime() - 1));
      const diagnosed = classified && rnd.chance(0.8);
      const causes = diagnosed ? (rnd.chance(0.1) ? [rnd.pick(CAUSES), rnd.pick(CAUSES)] : [rnd.pick(CAUSES)]) : [];
      const closed = rnd.chance(0.5);
      const closedAt = closed ? new Date(createdAt.getTime() + rnd.int(1, 40) * DAY) : null;
      const invalid = classified && rnd.chance(0.1);
      const defectCode = profileId === 'cr-mp25' && causes.length ? rnd.pick(FIXTURE_DEFECT_CODES) : undefined;
      const laterOrders = causes.length > 0 && rnd.chance(0.1);
      complaints.push({
        number: `${m}-${String(i).padStart(3, '0')}`,
        month: m,
        sequence: i,
        createdAt,
        closedAt,
        stage: closedAt ? 'closed' : 'execution',
        customer: rnd.pick(CUSTOMERS) + (rnd.chance(0.15) ? '  ' : ''),
        model: rnd.pick(MODELS),
        lot: rnd.chance(0.7) ? `L-${m}-${rnd.int(1, 6)}` : rnd.chance(0.5) ? `L-shared-${rnd.int(1, 3)}` : null,
        channel: rnd.pick(CHANNELS),
        profileId,
        type: classified ? profile.type : null,
        severity: classified ? rnd.pick(['general', 'serious', 'urgent']) : null,
        department: classified ? profile.department : null,
        units: rnd.pick([1, 1, 1, 2, 5, 20]),
        registeredWarranty: rnd.pick(['in', 'out', 'unknown'] as const),
        classifiedWarranty: classified && rnd.chance(0.5) ? rnd.pick(['in', 'out'] as const) : undefined,
        causes,
        ...(defectCode ? { defectCode } : {}),
        laterOrders,
        invalid,
        objected: invalid && rnd.chance(0.3),
        onSite: classified ? rnd.pick([null, null, null, 'classification', 'dispatch'] as const) : null,
        processed: classified && rnd.chance(0.6),
        survey:
          m === month && classified && rnd.chance(0.6)
            ? (() => {
                const at = new Date(from.getTime() + rnd.int(DAY, to.getTime() - from.getTime() - DAY));
                if (!profile.levels) {
                  const score = rnd.int(1, 10);
                  return { score, satisfied: score >= 8, at };
                }
                const level = rnd.pick(profile.levels);
                return { level, satisfied: (profile.satisfied as readonly string[]).includes(level), at };
              })()
            : undefined,
      });
    }
  }
  // clocks: due in the month (met, missed or still running), and some due in the month after; every third
  // one recorded before its complaint was routed (stored `unassigned`, counted for the complaint's department)
  for (const c of complaints.filter((c) => c.month === month && c.department)) {
    for (const name of ['response', 'investigation']) {
      if (!rnd.chance(0.7)) continue;
      const due = rnd.chance(0.85)
        ? new Date(from.getTime() + rnd.int(0, to.getTime() - from.getTime() - 1))
        : new Date(to.getTime() + rnd.int(0, 5) * DAY);
      const state = rnd.pick(['met', 'met', 'met', 'breached', 'late_met', 'running'] as const);
      clocks.push({
        number: c.number,
        name,
        department: c.department!,
        stored: clocks.length % 3 === 0 ? 'unassigned' : c.department!,
        dueAt: due,
        met: state === 'met' || state === 'late_met',
        breached: state === 'breached' || state === 'late_met',
      });
    }
  }
  // complaints of the month not routed yet: their acknowledgement clocks count for customer service
  const unrouted = complaints.filter((c) => c.month === month && !c.department);
  for (const c of unrouted.slice(0, 4))
    clocks.push({
      number: c.number,
      name: 'acknowledge',
      department: 'customer_service',
      stored: 'unassigned',
      dueAt: new Date(
        c.createdAt.getTime() + 600_000 < to.getTime() ? c.createdAt.getTime() + 600_000 : c.createdAt.getTime(),
      ),
      met: true,
      breached: false,
    });
  const routedToQuality = complaints.find((c) => c.month === month && c.department === 'quality')!;
  const entries: Fixture['entries'] = [
    { department: 'quality', kind: 'warning' },
    { department: 'quality', kind: 'penalty' },
    { department: 'quality', kind: 'penalty' },
    { department: 'technical_support', kind: 'warning' },
    { department: 'logistics', kind: 'warning' },
    // graded before the complaint was routed: against its department now, or customer service
    { department: 'unassigned', kind: 'warning', complaintNumber: routedToQuality.number },
    { department: 'unassigned', kind: 'warning', complaintNumber: unrouted[0]!.number },
  ];
  return { month, timeZone, from, to, complaints, clocks, entries, shippedInMonth: 0 };
}

/** Writes the fixture into the database; shipments of `shipped` units in the month. */
export async function insertFixture(prisma: PrismaClient, f: Fixture, shipped: number[]): Promise<void> {
  await prisma.complaint.createMany({
    data: f.complaints.map((c) => ({
      number: c.number,
      month: c.month,
      sequence: c.sequence,
      workflowId: `complaint-${c.number}-${randomUUID()}`,
      stage: c.stage,
      customerName: c.customer,
      customerEmail: 'buyer@example.com',
      customerLanguage: 'en',
      productModel: c.model,
      batchNumber: c.lot,
      channel: c.channel,
      description: 'fixture',
      registration: { product: { model: c.model, warrantyStatus: c.registeredWarranty } },
      quantityAffected: c.units,
      profileId: c.profileId,
      profileVersion: 1,
      profileHash: 'fixture',
      severity: c.severity,
      complaintType: c.type,
      department: c.department,
      createdAt: c.createdAt,
      closedAt: c.closedAt,
    })),
  });
  const actor = { actorId: 'fixture', actorRole: 'quality_manager' };
  const forms = f.complaints.flatMap((c) => {
    const at = c.createdAt;
    const rows: Array<{ seq: number; kind: string; data: object; createdAt: Date }> = [];
    if (c.type)
      rows.push({
        seq: 1,
        kind: 'classification',
        data: {
          type: c.type,
          ...(c.classifiedWarranty ? { warranty: c.classifiedWarranty } : {}),
          ...(c.onSite === 'classification' ? { serviceMode: 'on_site' } : { serviceMode: 'remote' }),
        },
        createdAt: at,
      });
    if (c.type) rows.push({ seq: 2, kind: 'verification', data: { valid: !c.invalid, reason: 'x' }, createdAt: at });
    if (c.objected) rows.push({ seq: 3, kind: 'objection', data: { note: 'x' }, createdAt: at });
    c.causes.forEach((cause, i) => {
      const last = i === c.causes.length - 1;
      const named = last ? { defectCode: c.defectCode, affectsLaterOrders: c.laterOrders || undefined } : {};
      rows.push({ seq: 4 + 2 * i, kind: 'diagnosis', data: { cause, findings: 'x', ...named }, createdAt: at });
    });
    if (c.onSite === 'dispatch') rows.push({ seq: 9, kind: 'dispatch', data: { engineer: 'x' }, createdAt: at });
    if (c.processed) rows.push({ seq: 10, kind: 'processing', data: { steps: ['x'] }, createdAt: at });
    if (c.survey) {
      const { at: surveyAt, ...answer } = c.survey;
      rows.push({ seq: 11, kind: 'survey', data: answer, createdAt: surveyAt });
    }
    return rows.map((r) => ({ ...r, ...actor, complaintNumber: c.number }));
  });
  await prisma.complaintForm.createMany({ data: forms });
  await prisma.slaClock.createMany({
    data: f.clocks.map((c) => ({
      complaintNumber: c.number,
      name: c.name,
      startedAt: new Date(c.dueAt.getTime() - DAY),
      dueAt: c.dueAt,
      warnAt: c.dueAt,
      durationAmount: 24,
      durationUnit: 'hours',
      department: c.stored,
      owner: 'quality_manager',
      metAt: c.met ? c.dueAt : null,
      breachedAt: c.breached ? c.dueAt : null,
    })),
  });
  await prisma.performanceEntry.createMany({
    data: f.entries.map((e, i) => ({
      month: f.month,
      department: e.department,
      owner: 'quality_manager',
      complaintNumber: e.complaintNumber ?? `fixture-${i}`,
      clock: 'response',
      clockStartedAt: f.from,
      kind: e.kind,
    })),
  });
  const shipment = (quantity: number, shippedAt: Date) => ({
    id: `fixture-${randomUUID()}`,
    customerName: 'Acme Pumps',
    customerEmail: 'buyer@example.com',
    customerLanguage: 'en',
    shipTo: 'Hangzhou',
    productModel: 'XR-200',
    lot: 'L-ship',
    quantity,
    shippedAt,
  });
  await prisma.shipment.createMany({
    data: [
      ...shipped.map((q, i) => shipment(q, new Date(f.from.getTime() + (i + 1) * DAY))),
      // 30 minutes into the next month in the company's zone, still this month in UTC: not counted
      shipment(999_999, new Date(f.to.getTime() + 30 * 60_000)),
    ],
  });
  f.shippedInMonth = shipped.reduce((a, b) => a + b, 0);
}

// ---- the figures, computed from the fixture ----

const cause = (c: FixtureComplaint) => c.causes.at(-1) ?? null;
const isInvalid = (c: FixtureComplaint) => c.invalid && !c.objected;
const isDefect = (c: FixtureComplaint) => !isInvalid(c) && !['misuse', 'external'].includes(cause(c) ?? '');

function ppmCategory(c: FixtureComplaint): string | null {
  if (!isDefect(c)) return null;
  if (c.onSite) return 'onsite_repair';
  if (!c.processed) return 'unrepaired_unreturned';
  return (c.classifiedWarranty ?? c.registeredWarranty) === 'out' ? 'out_of_warranty_return' : 'in_warranty_return';
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function countBy<T>(items: T[], key: (t: T) => string | null, units: (t: T) => number) {
  const out = new Map<string | null, { complaints: number; units: number }>();
  for (const item of items) {
    const k = key(item);
    const line = out.get(k) ?? { complaints: 0, units: 0 };
    out.set(k, { complaints: line.complaints + 1, units: line.units + units(item) });
  }
  return out;
}

/** What the report must say about the fixture's month. */
export function expectedFigures(f: Fixture, shipped: number) {
  const month = f.complaints.filter((c) => c.month === f.month);
  const defects = month.filter(isDefect);
  const ppmDefects = { in_warranty_return: 0, out_of_warranty_return: 0, onsite_repair: 0, unrepaired_unreturned: 0 };
  for (const c of defects) ppmDefects[ppmCategory(c) as keyof typeof ppmDefects] += c.units;
  const defectUnits = defects.reduce((n, c) => n + c.units, 0);

  const paretoLines = [
    ...countBy(
      defects.filter((c) => ['design', 'manufacturing'].includes(cause(c) ?? '')),
      (c) => `${c.defectCode ?? cause(c)}|${c.model}`,
      (c) => c.units,
    ),
  ]
    .map(([k, v]) => ({ defect: k!.split('|')[0]!, productModel: k!.split('|')[1]!, ...v }))
    .sort(
      (a, b) =>
        b.complaints - a.complaints ||
        b.units - a.units ||
        byteOrder(a.defect, b.defect) ||
        byteOrder(a.productModel, b.productModel),
    );

  const due = f.clocks.filter((c) => c.dueAt >= f.from && c.dueAt < f.to && (c.met || c.breached));
  const onTime = due.filter((c) => !c.breached).length;
  const slaByDepartment = new Map<string, { clocks: number; metOnTime: number }>();
  for (const c of due) {
    const line = slaByDepartment.get(c.department) ?? { clocks: 0, metOnTime: 0 };
    slaByDepartment.set(c.department, { clocks: line.clocks + 1, metOnTime: line.metOnTime + (c.breached ? 0 : 1) });
  }

  const window = f.complaints; // the fixture spans six months, all inside the report's 12-month window
  const customerCause = [
    ...countBy(
      window.filter((c) => cause(c)),
      (c) => `${c.customer.trim().toLowerCase()}|${cause(c)}`,
      () => 0,
    ),
  ]
    .filter(([k, v]) => v.complaints > 1 && month.some((c) => `${c.customer.trim().toLowerCase()}|${cause(c)}` === k))
    .map(([k, v]) => ({ key: k, complaints: v.complaints }));
  const lots = [
    ...countBy(
      window.filter((c) => c.lot && isDefect(c)),
      (c) => c.lot,
      (c) => c.units,
    ),
  ]
    .filter(([lot, v]) => v.complaints > 1 && month.some((c) => c.lot === lot && isDefect(c)))
    .map(([lot, v]) => ({ lot: lot!, ...v }));

  const open = f.complaints.filter((c) => c.createdAt < f.to && (!c.closedAt || c.closedAt >= f.to));
  const ages = open.map((c) => Math.floor((f.to.getTime() - c.createdAt.getTime()) / DAY));

  const surveys = new Map<string, { responses: number; satisfied: number }>();
  for (const c of f.complaints.filter((c) => c.survey && c.survey.at >= f.from && c.survey.at < f.to)) {
    const line = surveys.get(c.profileId) ?? { responses: 0, satisfied: 0 };
    surveys.set(c.profileId, {
      responses: line.responses + 1,
      satisfied: line.satisfied + (c.survey!.satisfied ? 1 : 0),
    });
  }

  return {
    complaints: month.length,
    units: month.reduce((n, c) => n + c.units, 0),
    byType: countBy(
      month,
      (c) => c.type,
      (c) => c.units,
    ),
    byCause: countBy(month, cause, (c) => c.units),
    byChannel: countBy(
      month,
      (c) => c.channel,
      (c) => c.units,
    ),
    byProfile: countBy(
      month,
      (c) => c.profileId,
      (c) => c.units,
    ),
    bySeverity: countBy(
      month,
      (c) => c.severity,
      (c) => c.units,
    ),
    ppmDefects,
    defectUnits,
    ppm: shipped > 0 ? Math.round((defectUnits * 1_000_000 * 10) / shipped) / 10 : null,
    pareto: paretoLines,
    top3: paretoLines.slice(0, 3).map((l) => `${l.defect} · ${l.productModel}`),
    laterOrders: month.filter((c) => c.laterOrders).map((c) => c.number),
    sla: { clocks: due.length, onTime, rate: Math.round((onTime / due.length) * 1000) / 10 },
    slaByDepartment,
    customerCause,
    lots,
    backlog: {
      open: open.length,
      buckets: [
        [0, 2],
        [3, 7],
        [8, 30],
        [31, 90],
        [91, Infinity],
      ].map(([lo, hi]) => ages.filter((a) => a >= lo! && a <= hi!).length),
    },
    surveys,
    trend: [
      ...countBy(
        f.complaints,
        (c) => c.month,
        (c) => (isDefect(c) ? c.units : 0),
      ),
    ],
  };
}
