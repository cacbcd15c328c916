/** Where corrective actions stand, in the customer's words (their complaint's answer quotes it). */
import type { CarProgress } from '../corrective-action-contract';
import type { Label } from '../labels';
import { DISCIPLINE_NAMES } from './state';

const PHASE_WORDS: Record<CarProgress['phase'], Label> = {
  open: { 'zh-CN': '进行中', en: 'in progress' },
  awaiting_approval: { 'zh-CN': '审批中', en: 'awaiting approval' },
  verification: { 'zh-CN': '措施已实施，正在验证有效性', en: 'actions implemented, effectiveness being verified' },
  closed: { 'zh-CN': '已完成', en: 'completed' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
};

/** Where corrective actions stand, as the customer reads it: "8D 202611-007-1: D4 root cause — in progress". */
export function carCustomerLine(progress: CarProgress[]): Label {
  const line = (language: 'zh-CN' | 'en') =>
    progress
      .map((p) => {
        const step = p.current ? `${DISCIPLINE_NAMES[p.current][language]} — ` : '';
        return `${p.number}${language === 'en' ? ': ' : '：'}${step}${PHASE_WORDS[p.phase][language]}`;
      })
      .join('; ');
  return { 'zh-CN': line('zh-CN'), en: line('en') };
}
