import type { PermissionsInput } from '../permissions-schema';

/** Seed 002's departments (第二章 責任劃分) and who takes each step (第三章 – 第五章). */
export const P002_PERMISSIONS: PermissionsInput = {
  roles: [
    {
      id: 'cs_dept',
      label: { 'zh-CN': '客服部', en: 'customer service' },
      staffRole: 'customer_service',
      section: '002 §3.1',
    },
    { id: 'sales_dept', label: { 'zh-CN': '銷售部', en: 'sales' }, staffRole: 'sales', section: '002 §2.2, §4.1' },
    {
      id: 'qc_dept',
      label: { 'zh-CN': '質檢部', en: 'quality inspection' },
      staffRole: 'quality_manager',
      section: '002 §2.2',
    },
    {
      id: 'tech_dept',
      label: { 'zh-CN': '技術部', en: 'engineering' },
      staffRole: 'technical_support',
      section: '002 §2.2',
    },
    {
      id: 'logistics_head',
      label: { 'zh-CN': '物流部負責人', en: 'head of logistics' },
      staffRole: 'department_head',
      section: '002 §2.2',
    },
    { id: 'production', label: { 'zh-CN': '生產部', en: 'production' }, staffRole: 'repair', section: '002 §2.4' },
  ],
  actions: {
    classify: { by: ['cs_dept'], section: '002 §3.1, §3.2' },
    submitDiagnosis: {
      by: ['qc_dept', 'tech_dept', 'logistics_head'],
      section: '002 §2.2, §3.3',
      reading:
        'the responsible department: quality inspection (quality), engineering and technical support (service), logistics (delivery)',
    },
    proposePlan: { by: ['qc_dept', 'tech_dept', 'logistics_head'], section: '002 §3.4' },
    recordCustomerDecision: {
      by: ['cs_dept', 'sales_dept'],
      section: '002 §2.2, §3.4',
      reading: 'customer service discusses the plan (§3.4); sales follows the customer on delivery complaints (§2.2)',
    },
    recordProgress: { by: ['cs_dept', 'sales_dept'], section: '002 §2.3, §4.3' },
    recordProcessing: { by: ['production', 'tech_dept', 'logistics_head'], section: '002 §2.4, §3.4' },
    recordSurvey: { by: ['cs_dept'], section: '002 §5.1, §5.2' },
    recordFollowUp: { by: ['cs_dept'], section: '002 §5.1' },
    reopen: { by: ['cs_dept'], section: '002 §6.4' },
    withdraw: { by: ['cs_dept'], section: '002 §3.1' },
  },
};
