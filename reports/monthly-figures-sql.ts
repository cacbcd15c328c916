/**
 * The monthly report's SQL: every figure is a GROUP BY in PostgreSQL, so only aggregates (and short, limited
 * lists) reach Node, whatever the number of complaints. Column meanings and the rules are in
 * domain/monthly-report/monthly-report.ts (REPORT_RULES).
 */
import { Prisma } from '../generated/prisma/client';
import {
  DEFECT_CAUSES,
  OLDEST_SHOWN,
  PARETO_ITEMS,
  REPEAT_GROUPS_SHOWN,
  REPEAT_NUMBERS_SHOWN,
} from '../domain/monthly-report/monthly-report';
import { INTAKE_DEPARTMENT, NO_DEPARTMENT } from '../domain/monthly-report/report-words';

/** What a month's queries are over. */
export interface MonthWindow {
  month: string;
  /** First month of the repeat and trend window. */
  firstMonth: string;
  from: Date;
  to: Date;
  timeZone: string;
}

const defectCauses = Prisma.join([...DEFECT_CAUSES]);

/**
 * One row per complaint of the window with what its forms say: the latest diagnosis's cause, whether it was
 * found invalid (and not objected to), served on site, processed, and the warranty it was classified with —
 * then its PPM category, null for what is no product defect. The forms are aggregated once for the whole
 * window (a hash join), not looked up per complaint.
 */
function windowFacts(w: MonthWindow): Prisma.Sql {
  return Prisma.sql`
    SELECT c.number, c.month, c.sequence, lower(btrim(c.customer_name)) AS customer_key, c.customer_name,
           c.batch_number, c.product_model, c.quantity_affected::bigint AS units, c.complaint_type, c.severity,
           c.department, c.channel, c.profile_id, f.cause, f.defect_code, COALESCE(f.later_orders, false) AS later_orders,
           CASE
             WHEN COALESCE(f.invalid, false) OR f.cause IN ('misuse', 'external') THEN NULL
             WHEN COALESCE(f.on_site, false) THEN 'onsite_repair'
             WHEN COALESCE(f.processed, false) THEN
               CASE WHEN COALESCE(f.warranty, c.registration -> 'product' ->> 'warrantyStatus') = 'out'
                    THEN 'out_of_warranty_return' ELSE 'in_warranty_return' END
             ELSE 'unrepaired_unreturned'
           END AS ppm_category
    FROM complaint c
    LEFT JOIN (
      SELECT f.complaint_number,
             (array_agg(f.data ->> 'cause' ORDER BY f.seq DESC) FILTER (WHERE f.kind = 'diagnosis'))[1] AS cause,
             (array_agg(f.data ->> 'defectCode' ORDER BY f.seq DESC) FILTER (WHERE f.kind = 'diagnosis'))[1]
               AS defect_code,
             (array_agg(f.data ->> 'affectsLaterOrders' ORDER BY f.seq DESC)
                FILTER (WHERE f.kind = 'diagnosis'))[1] = 'true' AS later_orders,
             (array_agg(f.data ->> 'warranty' ORDER BY f.seq DESC)
                FILTER (WHERE f.kind = 'classification' AND f.data ? 'warranty'))[1] AS warranty,
             COALESCE((array_agg(f.data ->> 'serviceMode' ORDER BY f.seq DESC)
                FILTER (WHERE f.data ? 'serviceMode'))[1] = 'on_site', false)
               OR bool_or(f.kind IN ('dispatch', 'arrival')) AS on_site,
             bool_or(f.kind = 'processing') AS processed,
             COALESCE((array_agg(f.data ->> 'valid' ORDER BY f.seq DESC)
                FILTER (WHERE f.kind = 'verification'))[1] = 'false', false)
               AND NOT bool_or(f.kind = 'objection') AS invalid
      FROM complaint_form f
      JOIN complaint fc ON fc.number = f.complaint_number AND fc.month BETWEEN ${w.firstMonth} AND ${w.month}
      WHERE f.kind IN ('diagnosis', 'classification', 'verification', 'objection', 'processing', 'dispatch', 'arrival')
      GROUP BY f.complaint_number
    ) f ON f.complaint_number = c.number
    WHERE c.month BETWEEN ${w.firstMonth} AND ${w.month}`;
}

/**
 * Everything counted over the complaints of the window, as one JSON object: the month's breakdowns (one pass,
 * GROUPING SETS), the Pareto, the PPM categories, the trend and the repeats.
 */
export function complaintFiguresSql(w: MonthWindow): Prisma.Sql {
  return Prisma.sql`
    WITH w AS MATERIALIZED (${windowFacts(w)}),
    m AS (SELECT * FROM w WHERE month = ${w.month}),
    breakdown AS (
      SELECT CASE WHEN GROUPING(complaint_type) = 0 THEN 'type' WHEN GROUPING(cause) = 0 THEN 'cause'
                  WHEN GROUPING(severity) = 0 THEN 'severity' WHEN GROUPING(department) = 0 THEN 'department'
                  WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(profile_id) = 0 THEN 'profile'
                  ELSE 'total' END AS dimension,
             COALESCE(complaint_type, cause, severity, department, channel, profile_id) AS key,
             count(*) AS complaints, COALESCE(sum(units), 0) AS units,
             count(*) FILTER (WHERE ppm_category IS NOT NULL) AS defect_complaints,
             COALESCE(sum(units) FILTER (WHERE ppm_category IS NOT NULL), 0) AS defect_units
      FROM m
      GROUP BY GROUPING SETS ((complaint_type), (cause), (severity), (department), (channel), (profile_id), ())
    ),
    pareto_all AS (
      SELECT COALESCE(defect_code, cause) AS defect, mode() WITHIN GROUP (ORDER BY cause) AS cause,
             mode() WITHIN GROUP (ORDER BY profile_id) AS "profileId", product_model, count(*) AS complaints,
             sum(units) AS units
      FROM m
      WHERE ppm_category IS NOT NULL AND cause IN (${defectCauses})
      GROUP BY COALESCE(defect_code, cause), product_model
    ),
    pareto AS (
      SELECT defect, cause, "profileId", product_model AS "productModel", complaints, units,
             sum(complaints) OVER () AS total,
             sum(complaints) OVER (ORDER BY complaints DESC, units DESC, defect COLLATE "C", product_model COLLATE "C"
                                   ROWS UNBOUNDED PRECEDING) AS running
      FROM pareto_all
      ORDER BY complaints DESC, units DESC, defect COLLATE "C", product_model COLLATE "C"
      LIMIT ${PARETO_ITEMS}
    ),
    ppm AS (
      SELECT ppm_category AS category, sum(units) AS units FROM m WHERE ppm_category IS NOT NULL GROUP BY ppm_category
    ),
    trend AS (
      SELECT month, count(*) AS complaints, COALESCE(sum(units) FILTER (WHERE ppm_category IS NOT NULL), 0) AS defect_units
      FROM w GROUP BY month
    ),
    customer_cause AS (
      SELECT min(customer_name) AS customer, cause, count(*) AS complaints,
             count(*) FILTER (WHERE month = ${w.month}) AS "thisMonth",
             (array_agg(number ORDER BY month, sequence))[1:${REPEAT_NUMBERS_SHOWN}] AS numbers,
             count(*) OVER () AS groups
      FROM w
      WHERE cause IS NOT NULL
      GROUP BY customer_key, cause
      HAVING count(*) > 1 AND count(*) FILTER (WHERE month = ${w.month}) > 0
      ORDER BY complaints DESC, "thisMonth" DESC, min(customer_name) COLLATE "C", cause
      LIMIT ${REPEAT_GROUPS_SHOWN}
    ),
    lot AS (
      SELECT batch_number AS lot, array_agg(DISTINCT product_model) AS "productModels", count(*) AS complaints,
             count(*) FILTER (WHERE month = ${w.month}) AS "thisMonth", sum(units) AS units,
             (array_agg(number ORDER BY month, sequence))[1:${REPEAT_NUMBERS_SHOWN}] AS numbers,
             count(*) OVER () AS groups
      FROM w
      WHERE batch_number IS NOT NULL AND ppm_category IS NOT NULL
      GROUP BY batch_number
      HAVING count(*) > 1 AND count(*) FILTER (WHERE month = ${w.month}) > 0
      ORDER BY complaints DESC, units DESC, batch_number COLLATE "C"
      LIMIT ${REPEAT_GROUPS_SHOWN}
    ),
    later_orders AS (
      SELECT number, customer_name AS customer, product_model AS "productModel", defect_code AS "defectCode",
             cause, profile_id AS "profileId"
      FROM m
      WHERE later_orders
      ORDER BY sequence
      LIMIT ${REPEAT_GROUPS_SHOWN}
    )
    SELECT json_build_object(
      'laterOrders', (SELECT COALESCE(json_agg(l), '[]') FROM later_orders l),
      'breakdown', (SELECT COALESCE(json_agg(b), '[]') FROM breakdown b),
      'pareto', (SELECT COALESCE(json_agg(p), '[]') FROM pareto p),
      'paretoTotal', (SELECT COALESCE(sum(complaints), 0) FROM pareto_all),
      'ppm', (SELECT COALESCE(json_agg(p), '[]') FROM ppm p),
      'trend', (SELECT COALESCE(json_agg(t), '[]') FROM trend t),
      'customerCause', (SELECT COALESCE(json_agg(r), '[]') FROM customer_cause r),
      'lot', (SELECT COALESCE(json_agg(r), '[]') FROM lot r)
    ) AS figures`;
}

/**
 * The department a clock or performance entry counts for: the one it was recorded with; one recorded before
 * its complaint was routed (`unassigned`) counts for the complaint's department now, or customer service's
 * while the complaint still has none (INTAKE_DEPARTMENT). `recorded` and `complaint` are column references.
 */
export function owningDepartmentSql(recorded: Prisma.Sql, complaint: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${recorded} = ${NO_DEPARTMENT} THEN COALESCE(${complaint}, ${INTAKE_DEPARTMENT})
                         ELSE ${recorded} END`;
}

/** SLA clocks due in the month and met or missed: per clock name, per department and overall (one pass). */
export function slaSql(w: MonthWindow): Prisma.Sql {
  return Prisma.sql`
    SELECT COALESCE(json_agg(s), '[]') AS lines FROM (
      SELECT CASE WHEN GROUPING(name) = 0 THEN 'clock' WHEN GROUPING(department) = 0 THEN 'department'
                  ELSE 'overall' END AS dimension,
             COALESCE(name, department, '') AS key, count(*) AS clocks,
             count(*) FILTER (WHERE breached_at IS NULL) AS "metOnTime",
             count(*) FILTER (WHERE breached_at IS NOT NULL) AS breaches
      FROM (
        SELECT sc.name, sc.breached_at,
               ${owningDepartmentSql(Prisma.sql`sc.department`, Prisma.sql`c.department`)} AS department
        FROM sla_clock sc LEFT JOIN complaint c ON c.number = sc.complaint_number
        WHERE sc.due_at >= ${w.from} AND sc.due_at < ${w.to}
          AND (sc.met_at IS NOT NULL OR sc.breached_at IS NOT NULL)
      ) clocks
      GROUP BY GROUPING SETS ((name), (department), ())
    ) s`;
}

/** Warnings, penalties, praise and escalations recorded for the month, per owning department (002 §7). */
export function performanceEntriesSql(w: MonthWindow): Prisma.Sql {
  return Prisma.sql`
    SELECT COALESCE(json_agg(e), '[]') AS lines FROM (
      SELECT ${owningDepartmentSql(Prisma.sql`p.department`, Prisma.sql`c.department`)} AS department,
             count(*) FILTER (WHERE p.kind = 'warning') AS warnings,
             count(*) FILTER (WHERE p.kind = 'penalty') AS penalties,
             count(*) FILTER (WHERE p.kind = 'praise') AS praise,
             count(*) FILTER (WHERE p.kind = 'escalation') AS escalations
      FROM performance_entry p LEFT JOIN complaint c ON c.number = p.complaint_number
      WHERE p.month = ${w.month} GROUP BY 1
    ) e`;
}

/** Survey answers recorded in the month, per profile and answer. */
export function satisfactionSql(w: MonthWindow): Prisma.Sql {
  return Prisma.sql`
    SELECT COALESCE(json_agg(s), '[]') AS lines FROM (
      SELECT c.profile_id AS "profileId", COALESCE(f.data ->> 'level', f.data ->> 'score') AS answer,
             count(*) AS count, count(*) FILTER (WHERE f.data ->> 'satisfied' = 'true') AS satisfied,
             sum((f.data ->> 'score')::numeric) FILTER (WHERE jsonb_typeof(f.data -> 'score') = 'number') AS "scoreSum"
      FROM complaint_form f JOIN complaint c ON c.number = f.complaint_number
      WHERE f.kind = 'survey' AND f.created_at >= ${w.from} AND f.created_at < ${w.to}
      GROUP BY c.profile_id, answer
    ) s`;
}

/** Complaints open at `asOf` by age bucket (whole days since registration), and the oldest of them. */
export function backlogSql(asOf: Date): Prisma.Sql {
  return Prisma.sql`
    WITH open AS (
      SELECT number, stage, department, severity,
             floor(extract(epoch FROM (${asOf}::timestamptz - created_at)) / 86400)::int AS age_days
      FROM complaint
      WHERE created_at < ${asOf} AND (closed_at IS NULL OR closed_at >= ${asOf})
    )
    SELECT json_build_object(
      'ages', (SELECT COALESCE(json_agg(a), '[]') FROM (
                 SELECT age_days AS "ageDays", count(*) AS complaints FROM open
                 WHERE age_days <= 91 GROUP BY age_days
                 UNION ALL
                 SELECT 92, count(*) FROM open WHERE age_days > 91 HAVING count(*) > 0) a),
      'oldest', (SELECT COALESCE(json_agg(o), '[]') FROM (
                 SELECT number, stage, department, severity, age_days AS "ageDays" FROM open
                 ORDER BY age_days DESC, number LIMIT ${OLDEST_SHOWN}) o)
    ) AS backlog`;
}

/**
 * Shipped quantity per month of the window: the figure entered for the month, and the sum of the month's
 * shipment records (months in the company's time zone).
 */
export function shippedSql(w: MonthWindow, windowFrom: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT json_build_object(
      'entered', (SELECT COALESCE(json_agg(e), '[]') FROM (
                    SELECT month, quantity FROM monthly_shipped_quantity
                    WHERE month BETWEEN ${w.firstMonth} AND ${w.month}) e),
      'shipments', (SELECT COALESCE(json_agg(s), '[]') FROM (
                    SELECT to_char(shipped_at AT TIME ZONE ${w.timeZone}, 'YYYYMM') AS month, sum(quantity) AS quantity
                    FROM shipment WHERE shipped_at >= ${windowFrom} AND shipped_at < ${w.to}
                    GROUP BY 1) s)
    ) AS shipped`;
}
