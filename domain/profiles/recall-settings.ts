/**
 * The recall sections of the built-in profiles. No seed gives a cadence; these follow recall practice (FDA
 * 21 CFR 7: status reports every 2–4 weeks; consignees reminded while they are silent), faster for a severe
 * safety issue (002).
 */
import type { RecallSection } from '../recall/profile-section';
import { days } from '../duration';

type Trigger = RecallSection['trigger'];

/** The usual cadence: answer within 30 days, reminders weekly (3 at most), status reports every 14 days. */
export function recallPractice(source: string, trigger: Trigger): RecallSection {
  return {
    source,
    trigger,
    decidedBy: ['quality_manager'],
    defaultRemedy: 'free repair or replacement of every affected unit / 受影响产品免费维修或更换',
    answerWithin: days(30),
    reminderEvery: days(7),
    maxReminders: 3,
    statusReportEvery: days(14),
    statusReportTo: ['general_manager', 'quality_manager'],
    notifyOnOpen: ['quality_manager', 'sales', 'customer_service'],
    escalateTo: ['sales', 'general_manager'],
  };
}

/** A severe safety issue: answer within 14 days, reminders every 2 days (5 at most), status reports weekly. */
export function urgentRecall(source: string, trigger: Trigger): RecallSection {
  return {
    ...recallPractice(source, trigger),
    answerWithin: days(14),
    reminderEvery: days(2),
    maxReminders: 5,
    statusReportEvery: days(7),
  };
}
