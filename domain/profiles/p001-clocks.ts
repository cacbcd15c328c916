import type { ClockRuleInput } from '../clock-rules';
import { days, hours, minutes, workingDays } from '../duration';

/** Seed 001's time limits, in its words (二 sections of the guide). */
export const P001_CLOCKS: ClockRuleInput[] = [
  {
    name: 'acknowledge',
    rule: 'apologise at once and confirm receipt',
    section: '001 二(一)',
    length: { fixed: minutes(15) },
    startedBy: ['registered'],
    from: 'receipt',
    metBy: ['acknowledged'],
    reading: 'ours: "第一时间" (at once) read as 15 minutes',
  },
  {
    name: 'response',
    rule: 'the owner contacts the customer: urgent within 2 h, important within 4 h, general within 8 h',
    section: '001 二(二)',
    length: { bySeverity: { urgent: hours(2), important: hours(4), general: hours(8) } },
    startedBy: ['registered'],
    from: 'receipt',
    metBy: ['customer_contacted'],
    promised: true,
    reading:
      'one promise: the acknowledgement and the owner\'s email quote this time; 二(一)\'s "e.g. contact within 24 h" is the same promise',
  },
  {
    name: 'revision',
    rule: 'an objection: talk again and present a revised plan',
    section: '001 二(五)',
    length: { fixed: hours(24) },
    startedBy: ['enter:planning'],
    metBy: ['action:proposePlan'],
    when: { afterObjection: true },
    reading: 'ours: the guide gives no time for the revision; 24 hours',
  },
  {
    name: 'result_feedback',
    rule: 'the result is fed back to the customer within 1 working day after execution',
    section: '001 二(五)',
    length: { fixed: workingDays(1) },
    startedBy: ['action:recordProcessing'],
    metBy: ['sent:completed'],
  },
  {
    name: 'effectiveness_check',
    rule: 'the result is verified before it is confirmed with the customer',
    section: '001 二(五)',
    length: { fixed: days(7) },
    startedBy: ['enter:verification'],
    metBy: ['action:recordVerification'],
    reading:
      "ours: the week of 二(六) applies to improvement measures (the 8D); we give the complaint's check the same week",
  },
  {
    name: 'callback',
    rule: 'satisfaction is confirmed with the customer',
    section: '001 二(五)',
    length: { fixed: workingDays(1) },
    startedBy: ['enter:satisfaction'],
    metBy: ['action:recordSurvey'],
    reading: 'ours: the guide gives no separate time for the satisfaction call; 1 working day like the feedback',
  },
  {
    name: 'follow_up',
    rule: 'follow-up call at 30 days',
    section: '001 二(六)',
    length: { fixed: days(30) },
    startedBy: ['enter:follow_up', 'follow_up_unresolved'],
    metBy: ['action:recordFollowUp'],
    reading:
      'different: every customer moves to the follow-up on the survey (followUpCall) and the call is due within 30 days; nothing reminds staff to call on day 30 itself',
  },
];
