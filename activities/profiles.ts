/**
 * The pinned profile of a complaint whose input names it only (`profileRef`): the version stored at its
 * registration, by hash; else the loaded one of that hash. A version nobody has is a failure no retry cures.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ProfileRef } from '../domain/complaint-contract';
import type { Profile } from '../domain/profile-schema';
import type { ActivityDeps } from './deps';

export function createProfileActivities(deps: ActivityDeps) {
  return {
    async loadPinnedProfile(ref: ProfileRef): Promise<Profile> {
      const stored = await deps.prisma.profileVersion.findUnique({ where: { hash: ref.hash } });
      if (stored) return stored.profile as unknown as Profile;
      const loaded = deps.standalone?.profiles.get(ref.id);
      if (loaded?.hash === ref.hash) return loaded.profile;
      throw ApplicationFailure.nonRetryable(
        `profile ${ref.id} v${ref.version} (${ref.hash.slice(0, 12)}…) is neither stored nor loaded`,
        'ProfileVersionMissing',
      );
    },
  };
}
