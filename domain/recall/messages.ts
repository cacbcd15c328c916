/** What the recall tells staff, in both languages: opened, status report, silent at the deadline, closed. */
import type { Label } from '../labels';
import type { RecallCounts } from '../recall-contract';
import { percentReached } from './rules';

const label = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

export function openedNote(consignees: number): Label {
  return consignees
    ? label(
        `召回已启动：已向 ${consignees} 个收货方发出召回通知`,
        `Recall started: notices go to ${consignees} consignees`,
      )
    : label(
        '召回已启动，但发货记录中没有找到收货方：请导入发货记录',
        'Recall started, but no consignee was found in the shipment records: import them',
      );
}

export function retracedNote(added: number): Label {
  return label(
    `重新追溯：新增 ${added} 个收货方，召回通知已发出`,
    `Traced again: ${added} more consignees get the notice`,
  );
}

/** The counts as lines (the status report's and the closing mail's details). */
export function countLines(counts: RecallCounts): Label {
  const c = counts;
  return label(
    `收货方 ${c.consignees}，已通知 ${c.notified}（待核实 ${c.uncertain}），已确认 ${c.acknowledged}（${percentReached(c)}%），已了结 ${c.settled}；` +
      `发货 ${c.unitsShipped} 件，在手 ${c.unitsOnHand}，退回 ${c.unitsReturned}，纠正 ${c.unitsCorrected}，销毁 ${c.unitsDestroyed}`,
    `Consignees ${c.consignees}, notified ${c.notified} (uncertain ${c.uncertain}), acknowledged ${c.acknowledged} (${percentReached(c)}%), settled ${c.settled}; ` +
      `units shipped ${c.unitsShipped}, on hand ${c.unitsOnHand}, returned ${c.unitsReturned}, corrected ${c.unitsCorrected}, destroyed ${c.unitsDestroyed}`,
  );
}

export function statusReportNote(seq: number, counts: RecallCounts): Label {
  return label(
    `第 ${seq} 次状态报告：${counts.acknowledged}/${counts.consignees} 已确认`,
    `Status report ${seq}: ${counts.acknowledged}/${counts.consignees} acknowledged`,
  );
}

export function silentNote(silent: number): Label {
  return label(`${silent} 个收货方在截止日期前没有答复`, `${silent} consignees did not answer by the deadline`);
}

export function closedNote(reason: string): Label {
  return label(`召回已关闭：${reason}`, `Recall closed: ${reason}`);
}

/** The reason of a recall that closed by itself. */
export const ALL_SETTLED = 'every consignee settled';
