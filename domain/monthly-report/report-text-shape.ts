/** What each language's report text holds (report-text-en.ts, report-text-zh.ts). */
import type { PpmCategory, REPORT_RULES, ShippedSource } from './monthly-report';

/** The reports' headings, columns, row names and rules in one language. */
export interface ReportText {
  title: string;
  /** The line under the title: zone, period and when it was counted. */
  meta(zone: string, first: string, last: string, generated: string): string;
  none: string;
  sections: Record<
    'summary' | 'pareto' | 'ppm' | 'trend' | 'by' | 'sla' | 'performance' | 'satisfaction' | 'repeats' | 'backlog',
    string
  >;
  value: string;
  complaints: string;
  units: string;
  summary: {
    complaints: string;
    units: string;
    defectComplaints: string;
    defectUnits: string;
    shipped: (source: string) => string;
    onTime: string;
    open: string;
    bestTeam: string;
    topThree: string;
  };
  shippedSource: Record<ShippedSource, string>;
  pareto: {
    chart: string;
    cause: string;
    model: string;
    share: string;
    cumulative: string;
    action: string;
    topThreeAction: string;
    topThree: string;
    other: string;
  };
  ppmCategory: Record<PpmCategory, string>;
  total: string;
  shipped: string;
  month: string;
  defectUnits: string;
  breakdown: Record<'type' | 'cause' | 'severity' | 'department' | 'channel' | 'profile', string>;
  sla: {
    byClock: string;
    byDepartment: string;
    all: string;
    clocks: string;
    onTime: string;
    breaches: string;
    rate: string;
    chart: string;
  };
  performance: {
    department: string;
    warnings: string;
    penalties: string;
    praise: string;
    escalated: string;
    bestTeam: (team: string) => string;
  };
  satisfaction: {
    caption: (
      profile: string,
      scale: string,
      responses: number,
      satisfied: number,
      rate: number | null,
      mean: number | null,
    ) => string;
    scale: Record<'levels' | 'score' | 'unknown', string>;
    answer: string;
    count: string;
  };
  repeats: {
    sameCustomerCause: string;
    sameLot: string;
    groups: (name: string, groups: number) => string;
    customer: string;
    thisMonth: string;
    numbers: string;
    lot: string;
    models: string;
    laterOrders: string;
    defect: string;
    meeting: string;
  };
  backlog: {
    openAt: (asOf: string, open: number) => string;
    oldest: string;
    number: string;
    age: string;
    stage: string;
    severity: string;
    ageDays: string;
    bucket: (minDays: number, maxDays: number | null) => string;
  };
  trendChart: string;
  rules: Record<keyof typeof REPORT_RULES, string>;
  bestTeamRule: string;
  /** The CSV's header. */
  csv: [month: string, table: string, row: string, column: string, value: string];
  page: (n: number, count: number) => string;
}
