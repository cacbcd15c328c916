export { complaintWorkflow } from './complaint.workflow';
