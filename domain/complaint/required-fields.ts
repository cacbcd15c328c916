/**
 * The fields a procedure's forms list that a step must carry (profile `requiredFields`): `<action>.<path>`, where
 * `name[]` means every item of the list `name`. Pure.
 */
import type { Profile } from '../profile-schema';

/** The first required field `payload` of `action` lacks, as `path: required by <section>`; undefined when none. */
export function missingRequiredField(profile: Profile, action: string, payload: unknown): string | undefined {
  for (const { field, section } of profile.requiredFields ?? []) {
    const [owner, ...path] = field.split('.');
    if (owner !== action) continue;
    const missing = missingAt(payload, path, []);
    if (missing) return `${missing}: required by ${section}`;
  }
  return undefined;
}

function missingAt(value: unknown, path: string[], at: (string | number)[]): string | undefined {
  if (!path.length) return value === undefined || value === null || value === '' ? at.join('.') : undefined;
  const [head, ...rest] = path as [string, ...string[]];
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  const next = (value as Record<string, unknown> | undefined)?.[key];
  if (!list) return missingAt(next, rest, [...at, key]);
  const items = Array.isArray(next) ? next : [];
  for (const [i, item] of items.entries()) {
    const missing = missingAt(item, rest, [...at, key, i]);
    if (missing) return missing;
  }
  return undefined;
}
