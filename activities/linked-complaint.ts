/**
 * 004 §5.3 b): a customer still not satisfied is taken up as a new complaint, by the procedure itself: the new
 * complaint's row, linked to the one it comes from, numbered once per request key (a retry gets the same one);
 * the complaint workflow then starts it.
 */
import { ApplicationFailure } from '@temporalio/common';
import { workflowDetails, workflowSummary, type ComplaintWorkflowInput } from '../domain/complaint-contract';
import type { Registration } from '../domain/registration';
import { complaintWorkflowInput, insertComplaint, linkedRegistration } from '../infra/complaint-rows';
import { ActivityErrors, permanentDatabaseFailure, type ActivityDeps } from './deps';

/** What the complaint asks: the new complaint of `from`, for `reason`, under the same procedure. */
export interface LinkedComplaintRequest {
  from: string;
  reason: string;
  requestKey: string;
  profileId: string;
}

/** The new complaint, ready to start: its input, summary and details for the Web UI. */
export interface LinkedComplaint {
  number: string;
  input: ComplaintWorkflowInput;
  summary: string;
  details: string;
}

export function createLinkedComplaintActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /** Stores the complaint `from` is taken up as, under the newest version of its procedure (`profileId`). */
    async openLinkedComplaint(request: LinkedComplaintRequest): Promise<LinkedComplaint> {
      const previous = await prisma.complaint.findUnique({ where: { number: request.from } });
      if (!previous)
        throw ApplicationFailure.nonRetryable(
          `complaint ${request.from} is not in the database`,
          ActivityErrors.complaintNotFound,
        );
      const pinned = deps.standalone?.profiles.get(request.profileId);
      if (!pinned)
        throw ApplicationFailure.nonRetryable(`profile ${request.profileId} is not loaded`, 'ProfileNotLoaded');
      const registration = linkedRegistration(
        previous.registration as unknown as Registration,
        request.from,
        request.reason,
      );
      try {
        const { complaint } = await insertComplaint(prisma, registration, {
          requestKey: request.requestKey,
          now: deps.now(),
          timeZone: deps.timeZone,
          pinned,
          linkedFrom: request.from,
        });
        const input = complaintWorkflowInput(complaint, pinned);
        return {
          number: complaint.number,
          input,
          summary: workflowSummary(input),
          details: workflowDetails(input, complaint.description),
        };
      } catch (error) {
        throw permanentDatabaseFailure(error, request.from);
      }
    },

    /** Records that the new complaint's workflow runs (the API's start sweep then leaves it alone). */
    async linkedComplaintStarted(number: string): Promise<void> {
      await prisma.complaint.updateMany({
        where: { number, workflowStartedAt: null },
        data: { workflowStartedAt: deps.now() },
      });
    },
  };
}
