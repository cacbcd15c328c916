-- The outbox is keyed by (subject kind, subject id, event, recipient), so child workflows of a complaint
-- (8D, recall) send through the same exactly-once outbox. Every existing row is a complaint's own email:
-- subject kind 'complaint', subject id = its number, and its key gains the kind in front
-- ('<number>:<event>:<recipient>' becomes 'complaint:<number>:<event>:<recipient>', what the code now
-- computes), so a retried activity still finds its row and never sends twice.

-- AlterTable
ALTER TABLE "outbox_email" ADD COLUMN     "subject_id" TEXT,
ADD COLUMN     "subject_kind" TEXT;

UPDATE "outbox_email"
   SET "subject_kind" = 'complaint',
       "subject_id" = "complaint_number",
       "idempotency_key" = 'complaint:' || "idempotency_key";

ALTER TABLE "outbox_email" ALTER COLUMN "subject_id" SET NOT NULL,
ALTER COLUMN "subject_kind" SET NOT NULL;

-- CreateIndex
CREATE INDEX "outbox_email_subject_kind_subject_id_idx" ON "outbox_email"("subject_kind", "subject_id");
