import { procedureRolesFor, type ActionName } from '../../domain/complaint/actions';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Role } from '../../domain/roles';

/** The staff role of the first of the procedure's roles a built-in profile names for `action` (tests acting "as the seed says"). */
export function seedRole(profileId: string, action: ActionName): Role {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === profileId);
  const role = profile && procedureRolesFor(action, profile)?.[0]?.staffRole;
  if (!role) throw new Error(`${profileId} names no role for ${action}`);
  return role;
}
