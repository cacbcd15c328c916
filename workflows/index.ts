export { complaintWorkflow } from './complaint/workflow';
export { escalationWorkflow } from './escalation.workflow';
export { emergencyWorkflow } from './emergency.workflow';
export { retentionWorkflow } from './retention.workflow';
export { correctiveActionWorkflow } from './corrective-action/workflow';
export { recallWorkflow } from './recall/workflow';
