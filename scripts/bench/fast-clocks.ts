/**
 * A benchmark-only profile: industrial-fault with every deadline 24 s long, so SLA clocks fall due while the
 * benchmark watches and the lateness of their timers can be read from the stored clocks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILT_IN_PROFILES } from '../../domain/profiles';

export const FAST_CLOCKS_PROFILE = 'bench-fast-clocks';
export const FAST_CLOCK_MS = 24_000;

/** Writes the profile to a temporary file and returns its path (for PROFILE_FILES). */
export function writeFastClocksProfile(): string {
  const base = BUILT_IN_PROFILES.find((p) => p.id === 'industrial-fault')!;
  const short = { amount: FAST_CLOCK_MS / 60_000, unit: 'minutes' };
  const clockRules = JSON.parse(JSON.stringify(base.clockRules), (_key, value: unknown) =>
    value && typeof value === 'object' && 'unit' in value && 'amount' in value ? short : value,
  ) as unknown;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-')), `${FAST_CLOCKS_PROFILE}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...base, id: FAST_CLOCKS_PROFILE, clockRules }));
  return file;
}
