import type { ClockRuleInput } from '../clock-rules';
import { days, hours } from '../duration';

/** Seed 002's time limits, in its words (chapters of the regulation). */
export const P002_CLOCKS: ClockRuleInput[] = [
  {
    name: 'acknowledge',
    rule: 'a complaint is confirmed within 24 hours of receipt; an email complaint within 1 hour',
    section: '002 §1.4, §3.1',
    length: { byChannel: { email: hours(1) }, otherwise: hours(24) },
    startedBy: ['registered'],
    from: 'receipt',
    metBy: ['acknowledged'],
    promised: true,
  },
  {
    name: 'investigation',
    rule: 'the responsible department investigates within 3 days',
    section: '002 §3.3',
    length: { fixed: days(3) },
    startedBy: ['enter:investigation'],
    metBy: ['action:submitDiagnosis'],
  },
  {
    name: 'preliminary_solution',
    rule: 'a preliminary solution within 72 hours of receipt',
    section: '002 §1.4',
    length: { fixed: hours(72) },
    startedBy: ['registered'],
    from: 'receipt',
    metBy: ['sent:plan'],
    reading: 'met when the plan reaches the customer (customer service discusses it with them, §3.4)',
  },
  {
    name: 'revision',
    rule: 'an objection: the department revises the plan',
    section: '002 §3.4',
    length: { fixed: hours(24) },
    startedBy: ['enter:planning'],
    metBy: ['action:proposePlan'],
    when: { afterObjection: true },
    reading: 'ours: the regulation gives no time for a revision; 24 hours',
  },
  {
    name: 'escalated_resolution',
    rule: 'an escalated complaint is resolved within 7 days of sales stepping in',
    section: '002 §4.3',
    length: { fixed: days(7) },
    startedBy: ['enter:escalated', 'escalated_to:sales'],
    metBy: ['action:arbitrate', 'enter:execution'],
    once: true,
    reading:
      'sales steps in when the customer rejects the plan (escalated stage) or when a missed deadline is reported to sales (§4.1); resolved = a decision (arbitration) or the plan carried out',
  },
  {
    name: 'callback',
    rule: 'customer service calls the customer back within 3 days of completion',
    section: '002 §5.1',
    length: { fixed: days(3) },
    startedBy: ['enter:satisfaction'],
    metBy: ['action:recordSurvey'],
  },
  {
    name: 'follow_up',
    rule: 'a dissatisfied customer is followed up',
    section: '002 §5.2',
    length: { fixed: days(3) },
    startedBy: ['enter:follow_up', 'follow_up_unresolved'],
    metBy: ['action:recordFollowUp'],
    reading: "ours: the regulation gives no time; the callback's 3 days",
  },
];
