/**
 * What a person reads in a report, checked for codes (issue 25): no ISO timestamp or date, no `YYYYMM` month,
 * no code of a profile, a stage, a clock, a cause or a channel; on a Chinese report no English word at all
 * (only the data — customers, lots, models, numbers — and the acronyms PPM and SLA), on an English one no
 * Chinese. Each finding is returned as a line, so a failing test names them.
 */
import { CHANNELS, type Language } from '../../domain/registration';
import { CLOCKS } from '../../domain/complaint/clock-table';
import { PPM_CATEGORIES } from '../../domain/monthly-report/monthly-report';
import type { Profile } from '../../domain/profile-schema';
import { STAGES } from '../../domain/stages';

/** The text of an HTML page as a reader sees it: no style, no tags, entities decoded (SVG text included). */
export function readableText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

/** Every code the reports could show raw: ids of the profiles' types, severities, departments, levels, clocks… */
export function reportCodes(profiles: readonly Profile[]): string[] {
  const codes = new Set<string>([
    'unassigned',
    'customer_service',
    'design',
    'manufacturing',
    'misuse',
    'external',
    'entered',
    'shipments',
    ...CHANNELS,
    ...STAGES,
    ...PPM_CATEGORIES,
    ...Object.keys(CLOCKS),
  ]);
  for (const p of profiles) {
    codes.add(p.id);
    for (const t of p.complaintTypes)
      [t.id, t.department, t.ownerRole, ...t.assistDepartments].forEach((c) => codes.add(c));
    for (const s of p.severities) codes.add(s.id);
    Object.keys(p.departments ?? {}).forEach((d) => codes.add(d));
    for (const c of p.clockRules ?? []) codes.add(c.name);
    if (p.satisfaction.kind === 'levels') p.satisfaction.levels.forEach((l) => codes.add(l.id));
    if (p.crossDepartment) codes.add(p.crossDepartment.department);
  }
  return [...codes];
}

const ISO_TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d/;
const ISO_DATE = /\b\d{4}-\d\d-\d\d\b/;
/** A month as a code, `201503`, or as `2015-03`. */
const MONTH_CODE = /\b(19|20)\d\d(0[1-9]|1[0-2])\b|\b(19|20)\d\d-(0[1-9]|1[0-2])\b/;
const COMPLAINT_NUMBER = /\b\d{6}-\d{3,}\b/g;
const CJK = /[\u3400-\u9fff]/;

/**
 * The problems of `text` read in `language`; `data` are values from the records themselves (customer names,
 * lots, product models), shown as they were entered.
 */
export function wordProblems(
  text: string,
  language: Language,
  codes: readonly string[],
  data: readonly string[] = [],
): string[] {
  let rest = text.replace(COMPLAINT_NUMBER, ' ');
  for (const value of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
  const problems: string[] = [];
  const around = (index: number) => JSON.stringify(rest.slice(Math.max(0, index - 30), index + 40));
  for (const [name, pattern] of [
    ['ISO timestamp', ISO_TIMESTAMP],
    ['ISO date', ISO_DATE],
    ['month code', MONTH_CODE],
  ] as const) {
    const hit = pattern.exec(rest);
    if (hit) problems.push(`${name} ${hit[0]} in ${around(hit.index)}`);
  }
  // a code with an underscore, or `unassigned`, is never a word of either language (single words and
  // hyphenated ids such as `after-sales` can be English words too: the Chinese check catches those)
  for (const code of codes.filter((c) => c.includes('_') || c === 'unassigned')) {
    const hit = new RegExp(`(^|[^\\w-])${code}($|[^\\w-])`).exec(rest);
    if (hit) problems.push(`code ${code} in ${around(hit.index)}`);
  }
  if (language === 'zh-CN') {
    // capitals are acronyms and document numbers (PPM, SLA, 8D, CR-MP25); a seed's sections are cited as it
    // numbers them (004 §5.7 d)
    const prose = rest.replace(/§\s?[\d.]+\s?[a-z]\b/g, ' ');
    for (const hit of prose.matchAll(/[A-Za-z]*[a-z][A-Za-z]*/g))
      problems.push(
        `English "${hit[0]}" in ${JSON.stringify(prose.slice(Math.max(0, hit.index - 30), hit.index + 40))}`,
      );
  } else {
    const hit = CJK.exec(rest);
    if (hit) problems.push(`Chinese "${hit[0]}" in ${around(hit.index)}`);
  }
  return [...new Set(problems)];
}

/**
 * The legend swatches of an ECharts SVG whose colour is not a colour of their series' bars, lines or symbols:
 * `series <index>: legend <colour>, series <colours>`.
 */
export function legendMismatches(svg: string): string[] {
  const colours = (tag: string) =>
    [...tag.matchAll(/\b(?:fill|stroke)="(#[0-9a-f]{3,6})"/gi)]
      .map((m) => m[1]!.toLowerCase())
      .filter((c) => !['#fff', '#ffffff', '#000', '#000000'].includes(c));
  const tags = svg.match(/<path\b[^>]*>/g) ?? [];
  const seriesColours = new Map<string, Set<string>>();
  const legendColours = new Map<string, Set<string>>();
  for (const tag of tags) {
    const series = /ecmeta_series_index="(\d+)"/.exec(tag)?.[1];
    const kind = /ecmeta_ssr_type="(\w+)"/.exec(tag)?.[1];
    if (series === undefined || !kind) continue;
    const into = kind === 'legend' ? legendColours : kind === 'chart' ? seriesColours : undefined;
    if (!into) continue;
    const set = into.get(series) ?? new Set<string>();
    colours(tag).forEach((c) => set.add(c));
    into.set(series, set);
  }
  // a legend's line icon carries no series index: the line series' colour is found by its own stroke
  const problems: string[] = [];
  for (const [series, legend] of legendColours) {
    const own = seriesColours.get(series);
    if (!own) continue; // a series with nothing drawn (no department under target)
    for (const colour of legend)
      if (!own.has(colour)) problems.push(`series ${series}: legend ${colour}, series ${[...own].join(' ')}`);
  }
  return problems;
}
