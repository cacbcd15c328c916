/** The blocks of each discipline's form in the 8D report, one function per discipline. */
import type { Discipline } from '../../domain/corrective-action/action-names';
import { DISCIPLINE_FORMS } from '../../domain/corrective-action/discipline-forms';
import type { Label } from '../../domain/labels';
import type { ReportBlock } from './types';
import { ADDRESSES, DOCUMENTS, METHODS, SCOPES, T, VERDICTS } from './labels';
import { genericBlock, type ReportWriter } from './writer';

type Blocks = (w: ReportWriter, form: unknown) => ReportBlock[];

const team: Blocks = (w, form) => {
  const d = form as {
    champion: string;
    leader: string;
    members: Array<{ name: string; department: string; role?: string }>;
  };
  return [
    w.fields([
      [T.champion, d.champion],
      [T.leader, d.leader],
    ]),
    w.table(
      T.members,
      [
        [T.name, 2],
        [T.department, 2],
        [T.role, 3],
      ],
      d.members.map((m) => [m.name, w.unit(m.department), m.role ?? '']),
    ),
  ];
};

const problem: Blocks = (w, form) => {
  const d = form as Record<'what' | 'where' | 'when' | 'who' | 'why' | 'how', string> & {
    howMany: { defective: number; checked?: number; unit: string };
  };
  const many = `${w.t(T.defective)} ${w.count(d.howMany.defective)} ${d.howMany.unit}${
    d.howMany.checked === undefined ? '' : ` / ${w.t(T.checked)} ${w.count(d.howMany.checked)} ${d.howMany.unit}`
  }`;
  return [
    w.fields([
      [T.what, d.what],
      [T.where, d.where],
      [T.when, d.when],
      [T.who, d.who],
      [T.why, d.why],
      [T.how, d.how],
      [T.howMany, many],
    ]),
  ];
};

const containment: Blocks = (w, form) => {
  const d = form as {
    scopes: Array<{
      scope: string;
      checked: number;
      isolated: number;
      reworked: number;
      owner: string;
      result: string;
    }>;
    actions: string[];
  };
  const sum = (key: 'checked' | 'isolated' | 'reworked') => w.count(d.scopes.reduce((n, s) => n + s[key], 0));
  const blocks: ReportBlock[] = [
    w.table(
      T.scopes,
      [
        [T.scope, 2],
        [T.checkedQty, 1.3],
        [T.isolated, 1.3],
        [T.reworked, 1.3],
        [T.owner, 1.6],
        [T.result, 3],
      ],
      [
        ...d.scopes.map((s) => [
          w.of(SCOPES, s.scope),
          w.count(s.checked),
          w.count(s.isolated),
          w.count(s.reworked),
          s.owner,
          s.result,
        ]),
        [w.t(T.total), sum('checked'), sum('isolated'), sum('reworked'), '', ''],
      ],
    ),
  ];
  if (d.actions.length) blocks.push({ kind: 'list', caption: w.t(T.containmentActions), items: d.actions });
  return blocks;
};

const rootCauses: Blocks = (w, form) => {
  const d = form as Record<
    'occurrence' | 'escape',
    Array<{ cause: string; method: string; evidence: string; verdict: string }>
  >;
  const causes = (caption: Label, list: typeof d.occurrence) =>
    w.table(
      caption,
      [
        [T.cause, 3],
        [T.method, 1.4],
        [T.evidence, 3],
        [T.verdict, 1.2],
      ],
      list.map((c) => [c.cause, w.of(METHODS, c.method), c.evidence, w.of(VERDICTS, c.verdict)]),
    );
  return [causes(T.occurrence, d.occurrence), causes(T.escape, d.escape)];
};

const chosenActions: Blocks = (w, form) => {
  const d = form as {
    actions: Array<{ action: string; addresses: string; owner: string; verification: string }>;
  };
  return [
    w.table(
      T.actions,
      [
        [T.action, 3],
        [T.addresses, 1.3],
        [T.owner, 1.5],
        [T.actionVerification, 3],
      ],
      d.actions.map((a) => [a.action, w.of(ADDRESSES, a.addresses), a.owner, a.verification]),
    ),
  ];
};

const implementation: Blocks = (w, form) => {
  const d = form as {
    implemented: Array<{
      action: string;
      owner: string;
      targetDate: string;
      actualDate: string;
      validation: string;
    }>;
  };
  return [
    w.table(
      T.implemented,
      [
        [T.action, 3],
        [T.owner, 1.5],
        [T.targetDate, 1.5],
        [T.actualDate, 1.5],
        [T.validation, 3],
      ],
      d.implemented.map((a) => [a.action, a.owner, a.targetDate, a.actualDate, a.validation]),
    ),
  ];
};

const prevention: Blocks = (w, form) => {
  const d = form as {
    documents: Array<{ kind: string; reference: string; change: string }>;
    otherProducts?: string;
  };
  const blocks: ReportBlock[] = [
    w.table(
      T.documents,
      [
        [T.document, 2],
        [T.reference, 2],
        [T.change, 4],
      ],
      d.documents.map((doc) => [w.of(DOCUMENTS, doc.kind), doc.reference, doc.change]),
    ),
  ];
  if (d.otherProducts) blocks.push(w.fields([[T.otherProducts, d.otherProducts]]));
  return blocks;
};

const closure: Blocks = (w, form) => {
  const d = form as { summary: string; teamRecognised: boolean; costs?: number; customerAccepted?: boolean };
  return [
    w.fields([
      [T.summary, d.summary],
      [T.teamRecognised, w.yesNo(d.teamRecognised)],
      [T.costs, d.costs === undefined ? undefined : w.count(d.costs)],
      [T.customerAccepted, w.yesNo(d.customerAccepted)],
    ]),
  ];
};

const BLOCKS: Record<Discipline, Blocks> = {
  D1: team,
  D2: problem,
  D3: containment,
  D4: rootCauses,
  D5: chosenActions,
  D6: implementation,
  D7: prevention,
  D8: closure,
};

/** The blocks of a discipline's form; data that is not (or no longer) of the form's shape is listed as is. */
export function disciplineBlocks(w: ReportWriter, discipline: Discipline, data: unknown): ReportBlock[] {
  const parsed = DISCIPLINE_FORMS[discipline]().safeParse(data);
  return parsed.success ? BLOCKS[discipline](w, parsed.data) : [genericBlock(data)];
}
