import type { ClockRuleInput } from '../clock-rules';
import { hours, minutes } from '../duration';

/** Seed 003's time limits, in its words (sections of the SOP). */
export const P003_CLOCKS: ClockRuleInput[] = [
  {
    name: 'acknowledge',
    rule: 'the request is accepted and the customer told',
    section: '003 §2.1.1',
    length: { fixed: minutes(30) },
    startedBy: ['registered'],
    from: 'receipt',
    metBy: ['acknowledged'],
    reading: 'ours: the SOP sets no acknowledgement time; 30 minutes',
  },
  {
    name: 'dispatch',
    rule: 'an engineer is dispatched: urgent within 30 minutes, important within 2 hours, general within 4 hours',
    section: '003 §2.2.1',
    length: { bySeverity: { urgent: minutes(30), important: hours(2), general: hours(4) } },
    startedBy: ['enter:dispatch'],
    from: 'receipt',
    metBy: ['action:dispatchEngineer', 'action:recordProcessing'],
    when: { serviceMode: 'on_site', remoteArea: false },
    once: true,
    promised: true,
    reading:
      'the service supervisor dispatches (§2.2.1): a late dispatch goes to them at once; the GM after 2 h is ours',
    notify: {
      warning: ['department_head'],
      breach: [
        { notify: ['department_head'], after: { amount: 0, unit: 'minutes' } },
        { notify: ['general_manager'], after: { amount: 2, unit: 'hours' } },
      ],
    },
  },
  {
    name: 'arrival',
    rule: 'the engineer is on site: urgent within 2 hours, important within 4 hours, general within 24 hours',
    section: '003 §2.2.1',
    length: { bySeverity: { urgent: hours(2), important: hours(4), general: hours(24) } },
    startedBy: ['enter:dispatch'],
    from: 'receipt',
    metBy: ['action:recordArrival', 'action:recordProcessing'],
    when: { serviceMode: 'on_site', remoteArea: false },
    once: true,
  },
  {
    name: 'callback',
    rule: 'the customer is called back within 24 hours of the service',
    section: '003 §2.4.1',
    length: { fixed: hours(24) },
    startedBy: ['enter:satisfaction'],
    metBy: ['action:recordSurvey'],
  },
  {
    name: 'follow_up',
    rule: 'a score below 8: the reason is recorded and followed up',
    section: '003 §2.4.1',
    length: { fixed: hours(24) },
    startedBy: ['enter:follow_up', 'follow_up_unresolved'],
    metBy: ['action:recordFollowUp'],
    reading: "ours: the SOP gives no time for the follow-up; the callback's 24 hours",
  },
];
