/**
 * Issue 24: who takes each step as each procedure says. Every action a built-in profile names is allowed to the
 * staff roles of the procedure's roles it names and refused (403) to every other role, admin included, with the
 * procedure's own names in the refusal; a custom profile that says nothing keeps the built-in table.
 */
import { ACTION_NAMES, checkAction, rolesFor, type ActionName } from '../../domain/complaint/actions';
import { newComplaintState } from '../../domain/complaint/state';
import { profileSchema, type Profile } from '../../domain/profile-schema';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { ROLES, type Role } from '../../domain/roles';

const complaintOf = (profile: Profile) =>
  Object.assign(
    newComplaintState(
      profile,
      { number: '202611-001', registeredAt: '2026-11-23T01:00:00.000Z', channel: 'phone', warranty: 'in', facts: {} },
      true,
    ),
    { stage: 'triage' as const },
  );

describe.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))(
  '%s: each step taken by the roles its seed names',
  (_id, profile) => {
    const named = Object.entries(profile.permissions!.actions) as Array<
      [ActionName, { by: string[]; byType?: Record<string, string[]>; section: string }]
    >;
    // each action's takers, and its takers on a complaint of a type the profile names apart (004 §5.5 a))
    const cases = named.flatMap(([action, rule]) => [
      { action, type: undefined as string | undefined, by: rule.by },
      ...Object.entries(rule.byType ?? {}).map(([type, by]) => ({ action, type, by })),
    ]);

    test('every action the profile names: its roles may, every other role (admin too) gets a 403 naming the seed roles', () => {
      const wrong: string[] = [];
      for (const { action, type, by } of cases) {
        const state = Object.assign(complaintOf(profile), { type });
        const takers = by.map((id) => profile.permissions!.roles.find((r) => r.id === id)!);
        const allowed = new Set<Role>(takers.map((t) => t.staffRole));
        for (const role of ROLES) {
          const refusal = checkAction(state, profile, action, { id: 'u', role }, {});
          const forbidden = 'type' in refusal && refusal.type === 'Forbidden';
          if (allowed.has(role) === forbidden) wrong.push(`${action} by ${role}: ${forbidden ? 'refused' : 'allowed'}`);
          if (forbidden)
            for (const t of takers)
              if (!refusal.message.includes(`${t.label['zh-CN']} ${t.label.en} (${t.staffRole})`))
                wrong.push(`${action} by ${role}: the refusal does not name ${t.label.en}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    test('admin takes no step of the procedure; staff administration is not a step', () => {
      const state = complaintOf(profile);
      expect(ACTION_NAMES.filter((a) => rolesFor(a, profile, state).includes('admin'))).toEqual([]);
    });

    test('every role the profile names is one of its seed with a section, and takes some step or decision', () => {
      const used = new Set(cases.flatMap(({ by }) => by));
      // approving, arbitrating, opening a corrective action or deciding a recall: the profile's own sections say who
      const deciders = new Set<string>([
        ...(profile.approvals?.plan ?? []),
        ...(profile.objection ? [profile.objection.escalateTo] : []),
        ...(profile.correctiveAction?.openedBy ?? []),
        ...(profile.recall?.decidedBy ?? []),
      ]);
      for (const role of profile.permissions!.roles) {
        expect(role.section).toMatch(/^00\d /);
        expect([role.id, used.has(role.id) || deciders.has(role.staffRole)]).toEqual([role.id, true]);
      }
    });
  },
);

test('a custom profile that names no permissions keeps the built-in roles of each action', () => {
  const base = BUILT_IN_PROFILES.find((p) => p.id === 'cr-mp25')!;
  const custom = profileSchema.parse({ ...base, id: 'custom', permissions: undefined });
  const state = complaintOf(custom);
  expect(rolesFor('checkValidity', custom, state).sort()).toEqual(['quality_manager', 'sales', 'technical_support']);
  expect(rolesFor('checkValidity', base, state)).toEqual(['quality_manager', 'technical_support']);
  const refusal = checkAction(state, base, 'checkValidity', { id: 'u', role: 'sales' }, {});
  expect(refusal).toMatchObject({
    type: 'Forbidden',
    message:
      'checkValidity may be taken by 品质客诉工程师 quality complaint engineer (quality_manager), 工程部 engineering (technical_support), not by sales',
  });
});

test('a profile may let admin take steps, and its schema names an unknown role by its action', () => {
  const base = BUILT_IN_PROFILES.find((p) => p.id === 'after-sales')!;
  const open = profileSchema.parse({
    ...base,
    id: 'custom',
    permissions: { ...base.permissions, adminTakesSteps: true },
  });
  expect(rolesFor('recordSurvey', open, complaintOf(open))).toEqual(['department_head', 'admin']);
  const bad = profileSchema.safeParse({
    ...base,
    id: 'custom',
    permissions: { ...base.permissions, actions: { recordSurvey: { by: ['team_lead'], section: '003 §2.4.1' } } },
  });
  expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    ['permissions.actions.recordSurvey.by.0', 'recordSurvey: unknown role "team_lead"'],
  ]);
});

test('004 §5.5 a): a technical-support request is approved by the sales or R&D manager, a quality complaint by quality', () => {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === 'cr-mp25')!;
  const request = Object.assign(complaintOf(profile), { type: 'technical_support', stage: 'validity_check' as const });
  const quality = Object.assign(complaintOf(profile), {
    type: 'quality_in_warranty',
    stage: 'validity_check' as const,
  });
  expect(rolesFor('checkValidity', profile, request)).toEqual(['department_head']);
  expect(rolesFor('checkValidity', profile, quality)).toEqual(['quality_manager', 'technical_support']);
  expect(checkAction(request, profile, 'checkValidity', { id: 'u', role: 'quality_manager' }, {})).toMatchObject({
    type: 'Forbidden',
    message:
      'checkValidity may be taken by 销售部经理 sales manager (department_head), 研发经理 R&D manager (department_head), not by quality_manager',
  });
  const bad = profileSchema.safeParse({
    ...profile,
    id: 'custom',
    permissions: {
      ...profile.permissions,
      actions: { checkValidity: { by: ['rnd'], byType: { field_trial: ['rnd_manager'] }, section: '004 §5.5 a)' } },
    },
  });
  expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    ['permissions.actions.checkValidity.byType.field_trial', 'unknown complaint type "field_trial"'],
  ]);
});
