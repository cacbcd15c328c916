import {
  MEETING_ITEMS_LISTED,
  meetingComplaints,
  meetingItems,
  meetingRecipients,
  meetingValues,
  reportedMonth,
  topThreeOpenings,
  type MeetingItem,
} from '../../domain/monthly-report/monthly-actions';
import { monthlyReportWorkflowId, scheduledStartTime } from '../../domain/monthly-report-contract';
import type { MonthlyReport } from '../../domain/monthly-report/monthly-report';
import { TypedSearchAttributes } from '@temporalio/common';

test("a scheduled run reports the month before its scheduled time, in the company's zone", () => {
  // 06:00 on 1 December in Shanghai is still 30 November in UTC
  expect(reportedMonth(new Date('2026-11-30T22:00:00Z'), 'Asia/Shanghai')).toBe('202611');
  expect(reportedMonth(new Date('2026-12-31T22:00:00Z'), 'Asia/Shanghai')).toBe('202612');
  // a catch-up run days later has the same scheduled time; a run started by hand at its own time
  expect(reportedMonth(new Date('2026-12-06T03:00:00Z'), 'Asia/Shanghai')).toBe('202611');
  // New York on the day daylight saving ends: 06:00 EST is 11:00 UTC
  expect(reportedMonth(new Date('2026-11-01T11:00:00Z'), 'America/New_York')).toBe('202610');
  expect(monthlyReportWorkflowId('202610')).toBe('monthly-report-202610');
  expect(() => monthlyReportWorkflowId('2026-10')).toThrow(TypeError);
});

test('the scheduled time is read from the typed search attribute, or the untyped one of an older server', () => {
  const at = new Date('2026-11-30T22:00:00Z');
  const typed = new TypedSearchAttributes([
    { key: { name: 'TemporalScheduledStartTime', type: 'DATETIME' }, value: at },
  ] as never);
  expect(scheduledStartTime({ typedSearchAttributes: typed, searchAttributes: {} })).toEqual(at);
  const none = new TypedSearchAttributes();
  expect(
    scheduledStartTime({ typedSearchAttributes: none, searchAttributes: { TemporalScheduledStartTime: [at] } }),
  ).toEqual(at);
  expect(scheduledStartTime({ typedSearchAttributes: none, searchAttributes: {} })).toBeUndefined();
});

const pareto = (items: Array<[string, string, boolean, string?]>) =>
  ({
    month: '202610',
    pareto: {
      defectComplaints: 10,
      otherComplaints: 0,
      items: items.map(([cause, productModel, top3, defect], i) => ({
        rank: i + 1,
        defect: defect ?? cause,
        cause,
        profileId: defect ? 'cr-mp25' : 'industrial-fault',
        productModel,
        complaints: 5 - i,
        units: 7,
        share: 10,
        cumulativeShare: 10,
        top3,
      })),
    },
  }) as Pick<MonthlyReport, 'month' | 'pareto'>;

test('top three: one opening each, keyed by month, cause and model; design and manufacturing are technical', () => {
  const openings = topThreeOpenings(
    pareto([
      ['manufacturing', 'HX-300', true],
      ['design', 'PSU-48', true],
      ['manufacturing', 'PSU-48', true],
      ['design', 'QD-7', false],
    ]),
  );
  expect(openings.map((o) => [o.rank, o.requestKey, o.technical])).toEqual([
    [1, 'monthly_top3:202610:manufacturing:HX-300', true],
    [2, 'monthly_top3:202610:design:PSU-48', true],
    [3, 'monthly_top3:202610:manufacturing:PSU-48', true],
  ]);
  expect(openings[0]!.reason).toMatch(
    /^Monthly quality report 2026-10: top-3 defect cause #1 — manufacturing on HX-300/,
  );
  expect(topThreeOpenings(pareto([]))).toEqual([]);
});

test("004 §5.7 c): a top-three defect named from the procedure's list opens under that procedure, keyed by the defect", () => {
  const [opening] = topThreeOpenings(pareto([['manufacturing', 'PSU-48', true, 'solder_joint']]));
  expect(opening).toMatchObject({
    requestKey: 'monthly_top3:202610:solder_joint:PSU-48',
    profileId: 'cr-mp25',
    technical: true,
    reason: expect.stringContaining('#1 — solder_joint (manufacturing) on PSU-48'),
  });
});

test('the meeting: repeats and batch defects, the departments of their complaints and the convener', () => {
  const items = meetingItems({
    repeats: {
      windowFrom: '',
      sameCustomerCause: [{ customer: 'Acme', cause: 'misuse', complaints: 2, thisMonth: 1, numbers: ['A', 'B'] }],
      sameCustomerCauseGroups: 1,
      sameLot: [{ lot: 'L1', productModels: ['X'], complaints: 2, thisMonth: 2, units: 3, numbers: ['B', 'C'] }],
      sameLotGroups: 1,
      laterOrders: [
        {
          number: 'D',
          customer: 'Beta',
          productModel: 'PSU-48',
          defectCode: 'firmware',
          cause: 'design',
          profileId: 'cr-mp25',
        },
      ],
    },
  });
  // 004 §5.7 b): a defect that affects later orders calls the meeting too
  expect(items.map((i) => i.kind)).toEqual(['same_customer_cause', 'same_lot', 'later_orders']);
  expect(items[2]!.line['zh-CN']).toBe('影响后续订单：D（Beta，PSU-48，firmware）');
  expect(items[0]!.line['zh-CN']).toBe('同一客户同一原因：Acme（使用不当）2 次（A、B）');
  expect(meetingComplaints(items)).toEqual(['A', 'B', 'C', 'D']);
  expect(meetingRecipients(items, { A: 'sales', B: null, C: 'engineering', D: 'rnd' })).toEqual([
    'engineering',
    'quality',
    'rnd',
    'sales',
  ]);
  expect(meetingRecipients([], { A: 'sales' })).toEqual([]);

  const many: MeetingItem[] = Array.from({ length: MEETING_ITEMS_LISTED + 3 }, (_, i) => ({
    kind: 'same_lot',
    line: { 'zh-CN': `批次 ${i}`, en: `lot ${i}` },
    numbers: [],
  }));
  const values = meetingValues('202610', many);
  expect(values).toMatchObject({ month: '2026-10', count: String(MEETING_ITEMS_LISTED + 3) });
  expect(values['items@en']!.split(';\n')).toHaveLength(MEETING_ITEMS_LISTED + 1);
  expect(values['items@en']).toMatch(/and 3 more in the monthly report$/);
});
