import type { PermissionsInput } from '../permissions-schema';

/** Seed 000's roles (一, 涉及角色及职责) and who takes each step (二, 责任主体). */
export const P000_PERMISSIONS: PermissionsInput = {
  roles: [
    { id: 'sales_rep', label: { 'zh-CN': '销售代表', en: 'sales rep' }, staffRole: 'sales', section: '000 一' },
    {
      id: 'support_engineer',
      label: { 'zh-CN': '技术支持工程师', en: 'technical-support engineer' },
      staffRole: 'technical_support',
      section: '000 一',
    },
    {
      id: 'cs_specialist',
      label: { 'zh-CN': '客服专员', en: 'customer-service specialist' },
      staffRole: 'customer_service',
      section: '000 一',
    },
    {
      id: 'quality_staff',
      label: { 'zh-CN': '质量管理人员', en: 'quality manager' },
      staffRole: 'quality_manager',
      section: '000 一',
    },
    {
      id: 'repair_team',
      label: { 'zh-CN': '维修/生产团队', en: 'repair/production team' },
      staffRole: 'repair',
      section: '000 一',
    },
  ],
  actions: {
    classify: { by: ['cs_specialist'], section: '000 二(一)' },
    requestLocalCheck: {
      by: ['sales_rep'],
      section: '000 二(二)',
      reading: 'for a cross-region product the sales rep brings in the local technical staff to check on site',
    },
    checkValidity: { by: ['sales_rep', 'cs_specialist'], section: '000 二(二)' },
    submitDiagnosis: { by: ['support_engineer'], section: '000 二(三)' },
    proposePlan: { by: ['support_engineer'], section: '000 二(四), 二(五)' },
    recordCustomerDecision: { by: ['sales_rep', 'cs_specialist'], section: '000 二(五)' },
    recordProgress: { by: ['cs_specialist'], section: '000 二(六)' },
    recordProcessing: { by: ['repair_team'], section: '000 二(六)' },
    recordVerification: { by: ['support_engineer'], section: '000 二(七)' },
    recordSurvey: { by: ['cs_specialist'], section: '000 二(七)' },
    recordFollowUp: { by: ['cs_specialist'], section: '000 二(八)' },
    reopen: {
      by: ['cs_specialist', 'sales_rep'],
      section: '000 二(八)',
      reading: 'ours: customer service closes; the sales rep who faces the customer may take a complaint up again',
    },
    withdraw: {
      by: ['cs_specialist', 'sales_rep'],
      section: '000 二(一)',
      reading: 'ours: whoever faces the customer records a withdrawal',
    },
  },
};
