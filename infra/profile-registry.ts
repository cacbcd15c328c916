import crypto from 'node:crypto';
import fs from 'node:fs';
import { BUILT_IN_PROFILES } from '../domain/profiles';
import { profileSchema, type Profile } from '../domain/profile-schema';
import { loadCalendarFile, withCalendarYears } from './calendar-files';

/** A profile with its content hash, as a complaint pins it. */
export interface PinnedProfile {
  profile: Profile;
  hash: string;
}

/** Raised for a profile file that does not validate; the message names every bad path. */
export class ProfileError extends Error {}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of a profile's canonical JSON: equal content, equal hash. */
export function profileHash(profile: Profile): string {
  return crypto.createHash('sha256').update(canonical(profile)).digest('hex');
}

/** Validates a company profile file; throws a ProfileError naming every bad path. */
export function loadProfileFile(file: string): Profile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProfileError(`profile ${file}: ${(error as Error).message}`);
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ProfileError(`profile ${file} is invalid:\n${issues.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The profiles a deployment offers: the built-ins plus company files, each with the years the calendar files
 * add to its calendar; the same id twice is refused.
 */
export function createProfileRegistry(
  files: string[] = [],
  defaultId = 'industrial-fault',
  calendarFiles: string[] = [],
) {
  const byId = new Map<string, PinnedProfile>();
  const years = calendarFiles.map(loadCalendarFile);
  for (const loaded of [...BUILT_IN_PROFILES, ...files.map(loadProfileFile)]) {
    const profile = withCalendarYears(loaded, years);
    if (byId.has(profile.id)) throw new ProfileError(`profile id ${profile.id} is defined twice`);
    byId.set(profile.id, { profile, hash: profileHash(profile) });
  }
  if (!byId.has(defaultId)) throw new ProfileError(`DEFAULT_PROFILE ${defaultId} is not a known profile`);
  return {
    defaultId,
    get(id: string): PinnedProfile | undefined {
      return byId.get(id);
    },
    list(): PinnedProfile[] {
      return [...byId.values()];
    },
  };
}

/** The profile registry. */
export type ProfileRegistry = ReturnType<typeof createProfileRegistry>;

const fileList = (list?: string) =>
  list
    ?.split(',')
    .map((f) => f.trim())
    .filter(Boolean) ?? [];

/** The registry of a configuration: the built-ins, PROFILE_FILES, CALENDAR_FILES (comma-separated) and DEFAULT_PROFILE. */
export function profileRegistryOf(config: {
  PROFILE_FILES?: string;
  CALENDAR_FILES?: string;
  DEFAULT_PROFILE: string;
}): ProfileRegistry {
  return createProfileRegistry(fileList(config.PROFILE_FILES), config.DEFAULT_PROFILE, fileList(config.CALENDAR_FILES));
}
