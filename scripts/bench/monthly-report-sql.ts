/**
 * The monthly report's figures as someone would write them by hand for the benchmark's baseline: one plain
 * query per figure, run one after another, each complaint's form facts looked up with correlated subqueries.
 * Returns the few numbers the benchmark compares with the report.
 */
import type pg from 'pg';

export interface HandWindow {
  month: string;
  firstMonth: string;
  from: Date;
  to: Date;
  windowFrom: Date;
  timeZone: string;
}

/** Per complaint of `where`: latest cause, found invalid, on site, processed, warranty — then its PPM category. */
const facts = (where: string) => `
  SELECT c.number, c.month, c.sequence, c.customer_name, c.batch_number, c.product_model,
         c.quantity_affected AS units, x.cause,
         CASE
           WHEN x.invalid OR x.cause IN ('misuse', 'external') THEN NULL
           WHEN x.on_site THEN 'onsite_repair'
           WHEN x.processed THEN CASE WHEN COALESCE(x.warranty, c.registration -> 'product' ->> 'warrantyStatus') = 'out'
                                      THEN 'out_of_warranty_return' ELSE 'in_warranty_return' END
           ELSE 'unrepaired_unreturned'
         END AS category
  FROM complaint c
  CROSS JOIN LATERAL (
    SELECT
      (SELECT data ->> 'cause' FROM complaint_form WHERE complaint_number = c.number AND kind = 'diagnosis'
        ORDER BY seq DESC LIMIT 1) AS cause,
      COALESCE((SELECT data ->> 'valid' FROM complaint_form WHERE complaint_number = c.number AND kind = 'verification'
        ORDER BY seq DESC LIMIT 1) = 'false', false)
        AND NOT EXISTS (SELECT 1 FROM complaint_form WHERE complaint_number = c.number AND kind = 'objection') AS invalid,
      COALESCE((SELECT data ->> 'serviceMode' FROM complaint_form WHERE complaint_number = c.number AND data ? 'serviceMode'
        ORDER BY seq DESC LIMIT 1) = 'on_site', false)
        OR EXISTS (SELECT 1 FROM complaint_form WHERE complaint_number = c.number AND kind IN ('dispatch', 'arrival')) AS on_site,
      EXISTS (SELECT 1 FROM complaint_form WHERE complaint_number = c.number AND kind = 'processing') AS processed,
      (SELECT data ->> 'warranty' FROM complaint_form WHERE complaint_number = c.number AND kind = 'classification'
        AND data ? 'warranty' ORDER BY seq DESC LIMIT 1) AS warranty
  ) x
  WHERE ${where}`;

/** Every figure of the month, one query each; the numbers the benchmark compares. */
export async function handWrittenFigures(db: pg.Client, w: HandWindow) {
  const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) =>
    (await db.query<T>(sql, params)).rows;
  for (const column of ['complaint_type', 'severity', 'department', 'channel', 'profile_id'])
    await q(`SELECT ${column}, count(*), sum(quantity_affected) FROM complaint WHERE month = $1 GROUP BY 1`, [w.month]);
  const [total] = await q<{ complaints: number }>(
    `SELECT count(*)::int AS complaints FROM complaint WHERE month = $1`,
    [w.month],
  );
  await q(
    `SELECT d.cause, count(*), sum(c.quantity_affected) FROM complaint c
     LEFT JOIN LATERAL (SELECT data ->> 'cause' AS cause FROM complaint_form
                        WHERE complaint_number = c.number AND kind = 'diagnosis' ORDER BY seq DESC LIMIT 1) d ON true
     WHERE c.month = $1 GROUP BY 1`,
    [w.month],
  );
  const ppm = await q<{ category: string; units: string }>(
    `SELECT category, sum(units) AS units FROM (${facts('c.month = $1')}) f WHERE category IS NOT NULL GROUP BY 1`,
    [w.month],
  );
  const pareto = await q<{ cause: string; product_model: string }>(
    `SELECT cause, product_model, count(*) AS complaints, sum(units) AS units FROM (${facts('c.month = $1')}) f
     WHERE category IS NOT NULL AND cause IN ('design', 'manufacturing') GROUP BY 1, 2
     ORDER BY count(*) DESC, sum(units) DESC, cause COLLATE "C", product_model COLLATE "C" LIMIT 20`,
    [w.month],
  );
  await q(
    `SELECT month, count(*), sum(units) FILTER (WHERE category IS NOT NULL)
     FROM (${facts('c.month BETWEEN $1 AND $2')}) f GROUP BY 1`,
    [w.firstMonth, w.month],
  );
  await q(
    `SELECT lower(btrim(customer_name)), cause, count(*) FROM (${facts('c.month BETWEEN $1 AND $2')}) f
     WHERE cause IS NOT NULL GROUP BY 1, 2
     HAVING count(*) > 1 AND count(*) FILTER (WHERE month = $2) > 0 ORDER BY 3 DESC LIMIT 50`,
    [w.firstMonth, w.month],
  );
  await q(
    `SELECT batch_number, count(*), sum(units) FROM (${facts('c.month BETWEEN $1 AND $2')}) f
     WHERE batch_number IS NOT NULL AND category IS NOT NULL GROUP BY 1
     HAVING count(*) > 1 AND count(*) FILTER (WHERE month = $2) > 0 ORDER BY 2 DESC LIMIT 50`,
    [w.firstMonth, w.month],
  );
  const clocks = `FROM sla_clock WHERE due_at >= $1 AND due_at < $2 AND (met_at IS NOT NULL OR breached_at IS NOT NULL)`;
  for (const column of ['name', 'department'])
    await q(`SELECT ${column}, count(*), count(*) FILTER (WHERE breached_at IS NULL) ${clocks} GROUP BY 1`, [
      w.from,
      w.to,
    ]);
  const [sla] = await q<{ clocks: number; on_time: number }>(
    `SELECT count(*)::int AS clocks, (count(*) FILTER (WHERE breached_at IS NULL))::int AS on_time ${clocks}`,
    [w.from, w.to],
  );
  await q(`SELECT department, kind, count(*) FROM performance_entry WHERE month = $1 GROUP BY 1, 2`, [w.month]);
  await q(
    `SELECT c.profile_id, f.data ->> 'level', f.data ->> 'score', count(*) FROM complaint_form f
     JOIN complaint c ON c.number = f.complaint_number
     WHERE f.kind = 'survey' AND f.created_at >= $1 AND f.created_at < $2 GROUP BY 1, 2, 3`,
    [w.from, w.to],
  );
  const asOf = new Date() < w.to ? new Date() : w.to;
  const open = `FROM complaint WHERE created_at < $1 AND (closed_at IS NULL OR closed_at >= $1)`;
  const [backlog] = await q<{ open: number }>(`SELECT count(*)::int AS open ${open}`, [asOf]);
  await q(
    `SELECT CASE WHEN age < 3 THEN 0 WHEN age < 8 THEN 1 WHEN age < 31 THEN 2 WHEN age < 91 THEN 3 ELSE 4 END, count(*)
     FROM (SELECT extract(day FROM $1::timestamptz - created_at) AS age ${open}) a GROUP BY 1`,
    [asOf],
  );
  await q(`SELECT number, created_at ${open} ORDER BY created_at LIMIT 10`, [asOf]);
  const [entered] = await q<{ quantity: number }>(`SELECT quantity FROM monthly_shipped_quantity WHERE month = $1`, [
    w.month,
  ]);
  const shipped = await q<{ month: string; quantity: string }>(
    `SELECT to_char(shipped_at AT TIME ZONE $3, 'YYYYMM') AS month, sum(quantity) AS quantity FROM shipment
     WHERE shipped_at >= $1 AND shipped_at < $2 GROUP BY 1`,
    [w.windowFrom, w.to, w.timeZone],
  );
  return {
    complaints: total!.complaints,
    defectUnits: ppm.reduce((n, p) => n + Number(p.units), 0),
    top3: pareto.slice(0, 3).map((p) => [p.cause, p.product_model]),
    slaClocks: sla!.clocks,
    slaOnTime: sla!.on_time,
    shipped: entered ? entered.quantity : Number(shipped.find((s) => s.month === w.month)?.quantity ?? 0),
    open: backlog!.open,
  };
}
