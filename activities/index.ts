export { createActivities, type ActivityDeps, type ComplaintActivities } from './complaint-activities';
