/**
 * The monthly and performance reports in words (issue 25): every code a report holds — complaint types,
 * severities, causes, departments, channels, clock names, stages, procedures, satisfaction answers — named
 * from the profiles and domain/labels.ts, and months and instants written in the company's time zone as the
 * reader writes them (zh-CN / en). The JSON keeps the codes; HTML, PDF and CSV show these. Pure.
 */
import { dateFormat } from '../date-formats';
import { CAUSE_NAMES, CHANNEL_NAMES, STAGE_NAMES, clockName, label, unitNameIn, type Label } from '../labels';
import type { Profile } from '../profile-schema';
import type { Language } from '../registration';
import type { Stage } from '../stages';

/**
 * The department a complaint not classified yet is with: customer service registers and classifies every
 * complaint (each built-in procedure's `classify` step is customer service's), so its clocks and entries
 * recorded before a department was known count there when the complaint still has none.
 */
export const INTAKE_DEPARTMENT = 'customer_service';

/** The department a clock or entry recorded before its complaint was routed was stored under. */
export const NO_DEPARTMENT = 'unassigned';

/** What a report reads names from: the profiles a deployment offers (default first). */
export type NamingProfile = Pick<
  Profile,
  'id' | 'name' | 'complaintTypes' | 'severities' | 'departments' | 'satisfaction'
> &
  Partial<Pick<Profile, 'defectCodes'>>;

/** An id in words when nobody named it: `quality_in_warranty` → "quality in warranty". */
const words = (id: string): Label => {
  const text = id.replace(/_/g, ' ');
  return label(text, text);
};

const NOT_SET = {
  type: label('未分类', 'not classified'),
  cause: label('未诊断', 'not diagnosed'),
  severity: label('未定级', 'not rated'),
  department: label('未分派', 'not assigned'),
  channel: label('未知渠道', 'unknown channel'),
  profile: label('未知流程', 'unknown procedure'),
  stage: label('未知阶段', 'unknown stage'),
} as const;

/** Names of every code a report shows; null (not set yet) has its own words. */
export interface ReportNames {
  type(id: string | null): Label;
  severity(id: string | null): Label;
  cause(id: string | null): Label;
  /** A Pareto bar's defect: a code of a procedure's defect list (004 §5.7 c)), else a cause class. */
  defect(id: string): Label;
  department(id: string | null): Label;
  channel(id: string | null): Label;
  /** A procedure (profile) by its id: its name. */
  profile(id: string | null): Label;
  clock(name: string): Label;
  stage(id: string | null): Label;
  /** A satisfaction answer of a profile's scale: a level's label, a score as the number. */
  answer(profileId: string, answer: string): Label;
}

/** The names of `profiles` (the first that names an id wins); ids nobody names are written as words. */
export function reportNames(profiles: readonly NamingProfile[]): ReportNames {
  const find = <T extends { id: string; label: Label }>(list: (p: NamingProfile) => readonly T[], id: string) => {
    for (const p of profiles) {
      const hit = list(p).find((t) => t.id === id);
      if (hit) return hit.label;
    }
    return undefined;
  };
  const byId = new Map(profiles.map((p) => [p.id, p]));
  return {
    type: (id) => (id === null ? NOT_SET.type : (find((p) => p.complaintTypes, id) ?? words(id))),
    severity: (id) => (id === null ? NOT_SET.severity : (find((p) => p.severities, id) ?? words(id))),
    cause: (id) => (id === null ? NOT_SET.cause : (CAUSE_NAMES[id as keyof typeof CAUSE_NAMES] ?? words(id))),
    defect: (id) =>
      find((p) => p.defectCodes?.codes ?? [], id) ?? CAUSE_NAMES[id as keyof typeof CAUSE_NAMES] ?? words(id),
    department: (id) =>
      id === null || id === NO_DEPARTMENT ? NOT_SET.department : (unitNameIn(profiles, id) ?? words(id)),
    channel: (id) => (id === null ? NOT_SET.channel : (CHANNEL_NAMES[id as keyof typeof CHANNEL_NAMES] ?? words(id))),
    profile: (id) => (id === null ? NOT_SET.profile : (byId.get(id)?.name ?? words(id))),
    clock: (name) => clockName(name),
    stage: (id) => (id === null ? NOT_SET.stage : (STAGE_NAMES[id as Stage] ?? words(id))),
    answer: (profileId, answer) => {
      const scale = byId.get(profileId)?.satisfaction;
      const level = scale?.kind === 'levels' ? scale.levels.find((l) => l.id === answer) : undefined;
      if (level) return level.label;
      return /^-?\d+(\.\d+)?$/.test(answer) ? label(`${answer} 分`, answer) : words(answer);
    },
  };
}

/** A registry's profiles, its default first (its names win where two profiles name one code differently). */
export function namingOrder(profiles: {
  list(): ReadonlyArray<{ profile: NamingProfile }>;
  defaultId?: string;
}): NamingProfile[] {
  const list = profiles.list().map((p) => p.profile);
  return [...list.filter((p) => p.id === profiles.defaultId), ...list.filter((p) => p.id !== profiles.defaultId)];
}

// ---- months and instants, in the company's time zone, as the reader writes them ----

const LOCALES: Record<Language, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

/** A month `YYYYMM`: "2026年11月", "November 2026" (`short`: "Nov 2026"). */
export function monthWords(month: string, language: Language, style: 'long' | 'short' = 'long'): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(4)) - 1, 15));
  return dateFormat(LOCALES[language], {
    timeZone: 'UTC',
    year: 'numeric',
    month: language === 'zh-CN' ? 'long' : style,
  }).format(date);
}

/** An instant in `timeZone`: "2026年11月30日 17:00", "30 Nov 2026, 17:00". */
export function instantWords(instant: string | Date, language: Language, timeZone: string): string {
  return dateFormat(LOCALES[language], {
    timeZone,
    year: 'numeric',
    month: language === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** The day of an instant in `timeZone`: "2026年11月30日", "30 Nov 2026". */
export function dayWords(instant: string | Date, language: Language, timeZone: string): string {
  return dateFormat(LOCALES[language], {
    timeZone,
    year: 'numeric',
    month: language === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
  }).format(new Date(instant));
}

/** The zone's name: "中国标准时间", "China Standard Time" (the IANA id when the zone has no name). */
export function zoneWords(timeZone: string, language: Language): string {
  const part = dateFormat(LOCALES[language], { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date(0))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The language a reader asked for: `?lang=`, else the first of Accept-Language we write, else Chinese. */
export function reportLanguage(asked: string | undefined, accepted: string | false): Language {
  if (asked === 'en' || asked === 'zh-CN') return asked;
  if (accepted && accepted.toLowerCase().startsWith('en')) return 'en';
  return 'zh-CN';
}
