import type { PermissionsInput } from '../permissions-schema';

/** Seed 003's roles (the starred roles of 二) and who takes each step. */
export const P003_PERMISSIONS: PermissionsInput = {
  roles: [
    {
      id: 'cs_specialist',
      label: { 'zh-CN': '客服专员', en: 'customer-service specialist' },
      staffRole: 'customer_service',
      section: '003 §2.1.1',
    },
    {
      id: 'service_supervisor',
      label: { 'zh-CN': '服务主管', en: 'service supervisor' },
      staffRole: 'department_head',
      section: '003 §2.2.1',
    },
    {
      id: 'engineer',
      label: { 'zh-CN': '工程师', en: 'service engineer' },
      staffRole: 'repair',
      section: '003 §2.2.2',
    },
    {
      id: 'remote_support',
      label: { 'zh-CN': '远程技术支持', en: 'remote technical support' },
      staffRole: 'technical_support',
      section: '003 §2.1.2',
    },
  ],
  actions: {
    classify: { by: ['cs_specialist'], section: '003 §2.1.1, §2.1.2' },
    dispatchEngineer: { by: ['service_supervisor'], section: '003 §2.2.1' },
    recordArrival: { by: ['engineer'], section: '003 §2.3.1' },
    requestPartsConsent: { by: ['engineer'], section: '003 §2.3.2' },
    recordPartsConsent: { by: ['engineer'], section: '003 §2.3.2' },
    requestServiceConfirmation: { by: ['engineer'], section: '003 §2.3.3' },
    recordServiceConfirmation: { by: ['engineer'], section: '003 §2.3.3' },
    recordProgress: { by: ['cs_specialist', 'engineer'], section: '003 §2.2.2' },
    recordProcessing: {
      by: ['engineer', 'remote_support'],
      section: '003 §2.1.2, §2.3.2',
      reading: 'on site the engineer; software faults and misuse are guided remotely (§2.1.2)',
    },
    recordVerification: { by: ['engineer', 'remote_support'], section: '003 §2.3.3' },
    recordSurvey: { by: ['service_supervisor'], section: '003 §2.4.1' },
    recordFollowUp: { by: ['service_supervisor'], section: '003 §2.4.1' },
    reopen: { by: ['cs_specialist', 'service_supervisor'], section: '003 §2.4' },
    withdraw: { by: ['cs_specialist'], section: '003 §2.1.1' },
  },
};
