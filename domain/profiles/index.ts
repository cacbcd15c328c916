import { profileSchema, type Profile } from '../profile-schema';
import { industrialFaultProfile } from './p000-industrial-fault';
import { qualityImprovementProfile } from './p001-quality-improvement';
import { enginePlantProfile } from './p002-engine-plant';
import { afterSalesProfile } from './p003-after-sales';
import { crMp25Profile } from './p004-cr-mp25';

/** The five built-in process profiles, one per source procedure, validated. */
export const BUILT_IN_PROFILES: readonly Profile[] = [
  industrialFaultProfile,
  qualityImprovementProfile,
  enginePlantProfile,
  afterSalesProfile,
  crMp25Profile,
].map((p) => profileSchema.parse(p));

/** Profile used when a registration names none. */
export const DEFAULT_PROFILE_ID = 'industrial-fault';
