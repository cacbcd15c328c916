/**
 * The monthly report benchmark (issue 13; a script, not a timed test): fills a throwaway database with N
 * complaints spread over 24 months (with their classification, verification, diagnosis, dispatch, processing
 * and survey forms, two SLA clocks each, performance entries and shipments), all by INSERT … SELECT over
 * generate_series; then times the report of the last month (reports/monthly-figures.ts) beside
 * hand-written SQL for the same figures, one plain query per figure, checks that both agree, and prints the
 * Node heap before and after (the report reads aggregates, never the rows).
 *   npm run bench:report -- [--complaints 1000000] [--month 202610] [--runs 3] [--keep]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createMonthlyReportActivities } from '../../reports/monthly-figures';
import { monthRange } from '../../domain/months';
import { shiftMonth, windowMonths } from '../../domain/monthly-report/monthly-report';
import { environment } from '../../infra/config';
import { createPrisma } from '../../infra/database';
import { applyMigrations } from '../../infra/migrate';
import { timed } from './measure';
import { handWrittenFigures } from './monthly-report-sql';

const { values: options } = parseArgs({
  options: {
    complaints: { type: 'string', default: '1000000' },
    month: { type: 'string', default: '202610' },
    runs: { type: 'string', default: '3' },
    'time-zone': { type: 'string', default: 'Asia/Shanghai' },
    keep: { type: 'boolean', default: false },
  },
});
const COMPLAINTS = Number(options.complaints);
const RUNS = Number(options.runs);
const MONTH = options.month;
const TIME_ZONE = options['time-zone'];
const MONTHS = 24;
if (!Number.isInteger(COMPLAINTS) || COMPLAINTS < MONTHS)
  throw new Error(`--complaints must be a whole number ≥ ${MONTHS}`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The generated data, step by step; `$1` is N, the months table holds the 24 months and their bounds. */
const GENERATE: Array<[string, string]> = [
  [
    'complaints',
    `INSERT INTO complaint (id, number, month, sequence, workflow_id, stage, customer_name, customer_email,
       customer_language, product_model, batch_number, channel, description, registration, quantity_affected,
       profile_id, profile_version, profile_hash, severity, complaint_type, department, created_at, updated_at, closed_at)
     SELECT gen_random_uuid(), m.month || '-' || lpad(g.seq::text, greatest(3, length(g.seq::text)), '0'), m.month, g.seq,
       'complaint-' || m.month || '-' || g.seq, CASE WHEN g.closed THEN 'closed' ELSE 'execution' END,
       'customer-' || (g.r1 % 3000), 'buyer@example.com', 'en', 'model-' || (g.r2 % 40),
       CASE WHEN g.r3 % 10 < 7 THEN 'lot-' || m.month || '-' || (g.r3 % 400) END,
       (ARRAY['phone','email','web','dealer','chat'])[1 + g.r4 % 5], 'bench',
       jsonb_build_object('product', jsonb_build_object('warrantyStatus', (ARRAY['in','out','unknown'])[1 + g.r5 % 3])),
       1 + g.r6 % 5, p.profile, 1, 'bench',
       CASE WHEN g.classified THEN (ARRAY['general','serious','urgent'])[1 + g.r7 % 3] END,
       CASE WHEN g.classified THEN p.type END, CASE WHEN g.classified THEN p.department END,
       t.created_at, t.created_at,
       CASE WHEN g.closed THEN t.created_at + (1 + g.r8 % 40) * interval '1 day' END
     FROM (
       SELECT i, i / ${MONTHS} + 1 AS seq, i % ${MONTHS} AS month_index,
              (random() * 1e9)::bigint AS r1, (random() * 1e9)::bigint AS r2, (random() * 1e9)::bigint AS r3,
              (random() * 1e9)::bigint AS r4, (random() * 1e9)::bigint AS r5, (random() * 1e9)::bigint AS r6,
              (random() * 1e9)::bigint AS r7, (random() * 1e9)::bigint AS r8, random() < 0.9 AS classified,
              random() < 0.6 AS closed, random() AS at
       FROM generate_series(0, $1::int - 1) i
     ) g
     JOIN bench_month m ON m.idx = g.month_index
     CROSS JOIN LATERAL (SELECT m.from_at + (m.to_at - m.from_at) * g.at AS created_at) t
     JOIN (VALUES (0, 'industrial-fault', 'product_fault', 'technical_support'),
                  (1, 'cr-mp25', 'quality_in_warranty', 'quality'),
                  (2, 'after-sales', 'fault_repair', 'after_sales')) p(idx, profile, type, department)
       ON p.idx = g.r1 % 3`,
  ],
  [
    'forms',
    `INSERT INTO complaint_form (id, complaint_number, seq, kind, data, actor_id, actor_role, created_at)
     SELECT gen_random_uuid(), c.number, f.seq, f.kind, f.data, 'bench', 'quality_manager', c.created_at + f.after
     FROM (SELECT number, created_at, complaint_type, abs(hashtext(number)) AS h FROM complaint) c
     CROSS JOIN LATERAL (VALUES
       (1, 'classification', jsonb_build_object('type', c.complaint_type, 'serviceMode',
            CASE WHEN c.h % 10 = 0 THEN 'on_site' ELSE 'remote' END) ||
            CASE WHEN c.h % 4 = 0 THEN jsonb_build_object('warranty', 'out') ELSE '{}' END, interval '1 hour', c.complaint_type IS NOT NULL),
       (2, 'verification', jsonb_build_object('valid', c.h % 17 <> 0), interval '2 hours', c.complaint_type IS NOT NULL),
       (4, 'diagnosis', jsonb_build_object('cause', (ARRAY['design','manufacturing','manufacturing','misuse','external'])[1 + (c.h / 7) % 5]),
            interval '1 day', c.complaint_type IS NOT NULL AND c.h % 5 <> 0),
       (5, 'dispatch', jsonb_build_object('engineer', 'bench'), interval '1 day', c.complaint_type IS NOT NULL AND c.h % 13 = 0),
       (7, 'processing', jsonb_build_object('steps', jsonb_build_array('bench')), interval '3 days',
            c.complaint_type IS NOT NULL AND (c.h / 3) % 5 < 3),
       (9, 'survey', jsonb_build_object('level', CASE WHEN c.h % 3 = 0 THEN 'dissatisfied' ELSE 'satisfied' END,
            'satisfied', c.h % 3 <> 0), interval '6 days', c.complaint_type IS NOT NULL AND (c.h / 11) % 2 = 0)
     ) f(seq, kind, data, after, present)
     WHERE f.present`,
  ],
  [
    'clocks',
    `INSERT INTO sla_clock (id, complaint_number, name, started_at, due_at, warn_at, duration_amount, duration_unit,
       met_at, breached_at, department, owner)
     SELECT gen_random_uuid(), c.number, k.name, c.created_at, c.created_at + k.due, c.created_at + k.due / 2,
       24, 'hours',
       CASE WHEN abs(hashtext(c.number || k.name)) % 10 < 8 THEN c.created_at + k.due * 0.7 END,
       CASE WHEN abs(hashtext(c.number || k.name)) % 10 >= 7 THEN c.created_at + k.due END,
       c.department, 'quality_manager'
     FROM complaint c
     CROSS JOIN (VALUES ('response', interval '1 day'), ('diagnosis', interval '3 days')) k(name, due)
     WHERE c.department IS NOT NULL`,
  ],
  [
    'performance entries',
    `INSERT INTO performance_entry (id, month, department, owner, complaint_number, clock, clock_started_at, kind)
     SELECT gen_random_uuid(), to_char(s.due_at AT TIME ZONE $1, 'YYYYMM'), s.department, s.owner, s.complaint_number,
       s.name, s.started_at, CASE WHEN abs(hashtext(s.complaint_number)) % 4 = 0 THEN 'warning' ELSE 'penalty' END
     FROM sla_clock s WHERE s.breached_at IS NOT NULL`,
  ],
  [
    'shipments',
    `INSERT INTO shipment (id, customer_name, customer_email, customer_language, ship_to, product_model, lot, quantity, shipped_at)
     SELECT 'bench-' || m.idx || '-' || i, 'customer-' || i % 3000, 'buyer@example.com', 'en', 'Hangzhou',
       'model-' || i % 40, 'lot-' || m.month || '-' || i % 400, 500 + i % 1000,
       m.from_at + (m.to_at - m.from_at) * (i / 1000.0)
     FROM bench_month m CROSS JOIN generate_series(0, 999) i`,
  ],
];

async function main(): Promise<void> {
  const adminUrl = environment().DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `monthly_report_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const prisma = createPrisma(databaseUrl, 10);
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    await applyMigrations(databaseUrl);
    await db.connect();
    console.log(`database ${name}: ${COMPLAINTS.toLocaleString('en-US')} complaints over ${MONTHS} months to ${MONTH}`);

    const months = windowMonths(MONTH, MONTHS);
    await db.query(`CREATE TABLE bench_month (idx int, month char(6), from_at timestamptz, to_at timestamptz)`);
    for (const [idx, month] of months.entries()) {
      const { from, to } = monthRange(month, TIME_ZONE);
      await db.query(`INSERT INTO bench_month VALUES ($1, $2, $3, $4)`, [idx, month, from, to]);
    }
    const generated = await timed(async () => {
      for (const [what, sql] of GENERATE) {
        const params: unknown[] =
          what === 'complaints' ? [COMPLAINTS] : what === 'performance entries' ? [TIME_ZONE] : [];
        const step = await timed(() => db.query(sql, params));
        console.log(`  ${what}: ${step.value.rowCount?.toLocaleString('en-US')} rows in ${seconds(step.ms)}`);
      }
      await db.query('ANALYZE');
    });
    console.log(`generated in ${seconds(generated.ms)}`);

    const report = createMonthlyReportActivities({ prisma, timeZone: TIME_ZONE, now: () => new Date() });
    const heapBefore = process.memoryUsage().heapUsed;
    const reportRuns: number[] = [];
    let figures!: Awaited<ReturnType<typeof report.monthlyReportFigures>>;
    for (let i = 0; i < RUNS; i += 1) {
      const run = await timed(() => report.monthlyReportFigures(MONTH));
      reportRuns.push(run.ms);
      figures = run.value;
    }
    const heapAfter = process.memoryUsage().heapUsed;
    const handRuns: number[] = [];
    let hand!: Awaited<ReturnType<typeof handWrittenFigures>>;
    for (let i = 0; i < RUNS; i += 1) {
      const run = await timed(() =>
        handWrittenFigures(db, {
          month: MONTH,
          firstMonth: shiftMonth(MONTH, -11),
          ...monthRange(MONTH, TIME_ZONE),
          windowFrom: monthRange(shiftMonth(MONTH, -11), TIME_ZONE).from,
          timeZone: TIME_ZONE,
        }),
      );
      handRuns.push(run.ms);
      hand = run.value;
    }

    const agree = {
      complaints: figures.totals.complaints === hand.complaints,
      defectUnits: figures.ppm.defectUnits === hand.defectUnits,
      top3:
        JSON.stringify(figures.pareto.items.filter((i) => i.top3).map((i) => [i.cause, i.productModel])) ===
        JSON.stringify(hand.top3),
      slaOnTime: figures.sla.overall.metOnTime === hand.slaOnTime && figures.sla.overall.clocks === hand.slaClocks,
      shipped: figures.ppm.shipped === hand.shipped,
      open: figures.backlog.open === hand.open,
    };
    const best = (runs: number[]) => Math.min(...runs);
    console.log(
      `\nreport of ${MONTH} (${figures.totals.complaints.toLocaleString('en-US')} complaints in the month, PPM ${figures.ppm.ppm}):`,
    );
    console.log(`  the report (6 queries side by side + assembly): ${reportRuns.map(seconds).join(', ')}`);
    console.log(`  hand-written SQL, one query per figure:           ${handRuns.map(seconds).join(', ')}`);
    console.log(`  ratio (best of each): ${(best(reportRuns) / best(handRuns)).toFixed(2)}× (target ≤ 2×)`);
    console.log(
      `  Node heap used: ${(heapBefore / 2 ** 20).toFixed(1)} MiB before, ${(heapAfter / 2 ** 20).toFixed(1)} MiB after ${RUNS} reports`,
    );
    console.log(`  both agree: ${JSON.stringify(agree)}`);
    if (Object.values(agree).includes(false)) {
      console.log(
        `  report: ${JSON.stringify({ totals: figures.totals, ppm: figures.ppm, sla: figures.sla.overall })}`,
      );
      console.log(`  hand-written: ${JSON.stringify(hand)}`);
      process.exitCode = 1;
    }
  } finally {
    await prisma.$disconnect();
    await db.end().catch(() => undefined);
    if (options.keep) console.log(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
