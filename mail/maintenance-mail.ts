/**
 * The emails of a maintenance order, in the reader's language (zh-CN or en): to the customer (the visit ahead,
 * the visit done with the next due date) and to staff (the engineer's visit with the call-ahead, no engineer
 * fits, the visit overdue). Kept apart from the complaint templates: a maintenance order is no complaint.
 */
import type { Language } from '../domain/registration';

export const MAINTENANCE_EVENTS = [
  'visit_notice',
  'visit_done',
  'engineer_visit',
  'no_engineer',
  'visit_overdue',
] as const;
export type MaintenanceEvent = (typeof MAINTENANCE_EVENTS)[number];

type Values = Record<string, string | undefined>;
type Template = { subject: string; body: string[] };

const TEMPLATES: Record<MaintenanceEvent, Record<Language, Template>> = {
  visit_notice: {
    'zh-CN': {
      subject: '定期维护通知：{{product}}（序列号 {{serial}}）',
      body: [
        '{{customer}}，您好：',
        '您的 {{product}}（序列号 {{serial}}）将于 {{dueDate}} 到期进行定期维护（上门检测、清洁、校准），最迟于 {{lastDay}} 完成。',
        '工程师 {{engineer}} 将在上门前 {{callAhead}} 分钟致电与您确认地址和时间。||工程师将在上门前与您电话确认地址和时间。',
      ],
    },
    en: {
      subject: 'Preventive maintenance due: {{product}} (serial {{serial}})',
      body: [
        'Dear {{customer}},',
        'Your {{product}} (serial {{serial}}) is due for preventive maintenance (on-site inspection, cleaning and calibration) on {{dueDate}}, at the latest by {{lastDay}}.',
        'Engineer {{engineer}} will call you {{callAhead}} minutes before arriving to confirm the address and time.||Our engineer will call you before arriving to confirm the address and time.',
      ],
    },
  },
  visit_done: {
    'zh-CN': {
      subject: '定期维护已完成：{{product}}（序列号 {{serial}}）',
      body: [
        '{{customer}}，您好：',
        '工程师 {{engineer}} 已于 {{visitedAt}} 完成 {{product}}（序列号 {{serial}}）的定期维护，由 {{signedBy}} 签字确认。',
        '下次定期维护日期：{{nextDue}}。',
      ],
    },
    en: {
      subject: 'Preventive maintenance done: {{product}} (serial {{serial}})',
      body: [
        'Dear {{customer}},',
        'Engineer {{engineer}} carried out the preventive maintenance of your {{product}} (serial {{serial}}) on {{visitedAt}}, confirmed by {{signedBy}}.',
        'The next maintenance is due on {{nextDue}}.',
      ],
    },
  },
  engineer_visit: {
    'zh-CN': {
      subject: '[定期维护] {{serial}}（{{product}}）{{dueDate}} 到期',
      body: [
        '请为 {{customer}}（{{where}}）的 {{product}}（序列号 {{serial}}）进行定期维护：检测、清洁、校准，于 {{dueDate}} 到期，最迟 {{lastDay}}。',
        '上门前 {{callAhead}} 分钟请电话联系客户确认地址和时间；完成后记录检查单并请客户签字确认。',
      ],
    },
    en: {
      subject: '[Maintenance] {{serial}} ({{product}}) due {{dueDate}}',
      body: [
        'Please carry out the preventive maintenance of the {{product}} (serial {{serial}}) of {{customer}} ({{where}}): inspect, clean, calibrate — due {{dueDate}}, at the latest {{lastDay}}.',
        'Call the customer {{callAhead}} minutes before arriving to confirm the address and time; record the checklist and have the customer sign the confirmation.',
      ],
    },
  },
  no_engineer: {
    'zh-CN': {
      subject: '[定期维护] {{serial}} 无合适工程师，请指派',
      body: [
        '{{customer}} 的 {{product}}（序列号 {{serial}}，区域 {{region}}）于 {{dueDate}} 到期维护，但该区域没有具备该产品资质的工程师。请指派工程师。',
      ],
    },
    en: {
      subject: '[Maintenance] {{serial}}: no engineer fits — please assign one',
      body: [
        'The {{product}} (serial {{serial}}, region {{region}}) of {{customer}} is due for maintenance on {{dueDate}}, but no engineer of the region is qualified for it. Please assign an engineer.',
      ],
    },
  },
  visit_overdue: {
    'zh-CN': {
      subject: '[升级] 定期维护 {{serial}} 已超期',
      body: [
        '{{customer}} 的 {{product}}（序列号 {{serial}}）的定期维护应于 {{lastDay}} 前完成，至今未记录（第 {{level}} 级，共 {{levels}} 级）。工程师：{{engineer}}。请立即处理。',
      ],
    },
    en: {
      subject: '[Escalation] Maintenance of {{serial}} is overdue',
      body: [
        'The preventive maintenance of the {{product}} (serial {{serial}}) of {{customer}} was due by {{lastDay}} and is not recorded (level {{level}} of {{levels}}). Engineer: {{engineer}}. Please act now.',
      ],
    },
  },
};

/** A line with the first alternative (`a||b`) whose every placeholder has a value; missing values read "—". */
function fillLine(template: string, values: Values): string {
  const options = template.split('||');
  const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
  const chosen = options.find((text) => placeholders(text).every((key) => values[key])) ?? options[0]!;
  return chosen.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '—');
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The email of `event` in `language`, as text and HTML. */
export function renderMaintenanceEmail(event: MaintenanceEvent, language: Language, values: Values) {
  const template = TEMPLATES[event][language];
  const lines = template.body.map((text) => fillLine(text, values));
  return {
    subject: fillLine(template.subject, values),
    text: `${lines.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${language}"><body>${lines.map((l) => `<p>${escape(l)}</p>`).join('')}</body></html>`,
  };
}
