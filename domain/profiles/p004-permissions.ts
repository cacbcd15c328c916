import type { PermissionsInput } from '../permissions-schema';

/** Seed 004's roles (4 职责 and the roles of 5) and who takes each step. */
export const P004_PERMISSIONS: PermissionsInput = {
  roles: [
    {
      id: 'commerce_specialist',
      label: { 'zh-CN': '商务专员', en: 'commerce specialist' },
      staffRole: 'sales',
      section: '004 §5.1.1',
    },
    {
      id: 'sales_rep',
      label: { 'zh-CN': '销售部业务员', en: 'sales representative' },
      staffRole: 'sales',
      section: '004 §4.1',
    },
    {
      id: 'quality_engineer',
      label: { 'zh-CN': '品质客诉工程师', en: 'quality complaint engineer' },
      staffRole: 'quality_manager',
      section: '004 §5.2 a)',
    },
    {
      id: 'quality_dept',
      label: { 'zh-CN': '品管部', en: 'quality department' },
      staffRole: 'quality_manager',
      section: '004 §4.2',
    },
    {
      id: 'engineering',
      label: { 'zh-CN': '工程部', en: 'engineering' },
      staffRole: 'technical_support',
      section: '004 §4.3',
    },
    {
      id: 'sales_manager',
      label: { 'zh-CN': '销售部经理', en: 'sales manager' },
      staffRole: 'department_head',
      section: '004 §5.5 a)',
    },
    {
      id: 'rnd_manager',
      label: { 'zh-CN': '研发经理', en: 'R&D manager' },
      staffRole: 'department_head',
      section: '004 §5.5 a)',
    },
    { id: 'rnd', label: { 'zh-CN': '研发部', en: 'R&D' }, staffRole: 'technical_support', section: '004 §4.7' },
    { id: 'production', label: { 'zh-CN': '生产部', en: 'production' }, staffRole: 'repair', section: '004 §4.6' },
  ],
  actions: {
    classify: {
      by: ['commerce_specialist', 'quality_engineer'],
      section: '004 §5.1.1, §5.6 a)',
      reading: 'the commerce specialist records the complaint in the list; quality takes one that reaches it directly',
    },
    checkValidity: {
      by: ['quality_engineer', 'engineering'],
      byType: { technical_support: ['sales_manager', 'rnd_manager'] },
      section: '004 §4.2, §5.2 a), §5.4 a), §5.5 a)',
      reading:
        'quality confirms a complaint in warranty; engineering assesses a unit returned out of warranty; a ' +
        'technical-support request (the commerce specialist classifies it) is approved by the sales manager or the ' +
        'R&D manager before R&D takes it up, and one not approved is answered as not valid',
    },
    customerObjects: { by: ['commerce_specialist'], section: '004 §5.2 b)' },
    submitDiagnosis: { by: ['quality_engineer', 'engineering', 'rnd'], section: '004 §5.2 a), §5.4 a), §5.5 b)' },
    sendPreliminaryReport: { by: ['quality_engineer'], section: '004 §5.6 b)' },
    proposePlan: { by: ['quality_engineer', 'engineering', 'rnd'], section: '004 §5.2 c)-d), §5.4 a), §5.5 b)' },
    recordCustomerDecision: { by: ['commerce_specialist', 'sales_rep'], section: '004 §5.2 g), §5.4 a)' },
    recordPayment: { by: ['commerce_specialist'], section: '004 §5.4 c)' },
    recordProgress: { by: ['quality_engineer', 'commerce_specialist'], section: '004 §4.1, §4.2' },
    recordProcessing: {
      by: ['engineering', 'production'],
      byType: { technical_support: ['rnd'] },
      section: '004 §4.3, §5.2 e), §5.4 b), §5.5 b)-d)',
      reading: 'R&D, who drafted the plan and assigned the technicians, records the technical support it gave',
    },
    requestServiceConfirmation: {
      by: ['rnd'],
      section: '004 §5.5 d)',
      reading:
        'after on-site support the R&D engineer fills the technical-support record QR25-03 for the customer to sign',
    },
    recordServiceConfirmation: {
      by: ['rnd'],
      section: '004 §5.5 d)',
      reading: 'the customer signs by link, or the R&D engineer records the record signed on paper',
    },
    recordVerification: { by: ['quality_dept', 'quality_engineer'], section: '004 §5.3 a)' },
    recordSurvey: {
      by: ['sales_rep', 'commerce_specialist'],
      section: '004 §4.1, §5.3 a)-b)',
      reading: "sales, the customer's contact, records whether the customer is satisfied",
    },
    reopen: { by: ['commerce_specialist', 'sales_rep'], section: '004 §5.3 b)' },
    withdraw: { by: ['commerce_specialist', 'sales_rep'], section: '004 §4.1' },
    pauseClocks: { by: ['quality_engineer', 'commerce_specialist'], section: '004 §5.3 c)' },
    resumeClocks: { by: ['quality_engineer', 'commerce_specialist'], section: '004 §5.3 c)' },
  },
};
