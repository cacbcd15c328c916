import type { PermissionsInput } from '../permissions-schema';

/** Seed 001's roles and who takes each step (二, 操作步骤). */
export const P001_PERMISSIONS: PermissionsInput = {
  roles: [
    {
      id: 'cs',
      label: { 'zh-CN': '客服', en: 'customer service' },
      staffRole: 'customer_service',
      section: '001 二(一)',
    },
    {
      id: 'cs_supervisor',
      label: { 'zh-CN': '客服主管', en: 'customer-service supervisor' },
      staffRole: 'customer_service',
      section: '001 二(二)',
    },
    {
      id: 'quality_manager',
      label: { 'zh-CN': '质量部经理', en: 'quality department manager' },
      staffRole: 'quality_manager',
      section: '001 二(二)',
    },
    {
      id: 'qc_inspector',
      label: { 'zh-CN': '质检专员', en: 'quality inspector' },
      staffRole: 'quality_manager',
      section: '001 二(三)',
    },
    {
      id: 'engineer',
      label: { 'zh-CN': '工程师', en: 'engineer' },
      staffRole: 'technical_support',
      section: '001 二(三)',
    },
    {
      id: 'repair_staff',
      label: { 'zh-CN': '维修人员', en: 'repair staff' },
      staffRole: 'repair',
      section: '001 二(五)',
    },
    {
      id: 'department_head',
      label: { 'zh-CN': '部门负责人', en: 'department head' },
      staffRole: 'department_head',
      section: '001 二(五)',
    },
  ],
  actions: {
    classify: { by: ['cs', 'cs_supervisor'], section: '001 二(一), 二(二)' },
    checkValidity: { by: ['qc_inspector', 'engineer', 'quality_manager'], section: '001 二(三)' },
    submitDiagnosis: { by: ['quality_manager', 'qc_inspector', 'engineer'], section: '001 二(三), 二(四)' },
    proposePlan: { by: ['quality_manager', 'engineer'], section: '001 二(四)' },
    recordCustomerDecision: { by: ['cs', 'cs_supervisor'], section: '001 二(五)' },
    recordProgress: { by: ['cs', 'quality_manager'], section: '001 二(三)' },
    recordProcessing: { by: ['repair_staff', 'engineer'], section: '001 二(五)' },
    recordVerification: { by: ['quality_manager', 'qc_inspector'], section: '001 二(五), 二(六)' },
    recordSurvey: { by: ['cs', 'cs_supervisor'], section: '001 二(五)' },
    recordFollowUp: { by: ['cs', 'cs_supervisor'], section: '001 二(六)' },
    reopen: { by: ['cs', 'cs_supervisor'], section: '001 二(六)' },
    withdraw: { by: ['cs', 'cs_supervisor'], section: '001 二(一)' },
  },
};
