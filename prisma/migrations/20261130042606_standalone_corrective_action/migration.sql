-- DropForeignKey
ALTER TABLE "outbox_email" DROP CONSTRAINT "outbox_email_complaint_number_fkey";

-- AlterTable
ALTER TABLE "corrective_action" ADD COLUMN     "opening" JSONB,
ADD COLUMN     "request_key" TEXT,
ADD COLUMN     "workflow_started_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "outbox_email" ALTER COLUMN "complaint_number" DROP NOT NULL;

-- CreateTable
CREATE TABLE "car_sequence" (
    "month" CHAR(6) NOT NULL,
    "last_value" INTEGER NOT NULL,

    CONSTRAINT "car_sequence_pkey" PRIMARY KEY ("month")
);

-- CreateIndex
CREATE UNIQUE INDEX "corrective_action_request_key_key" ON "corrective_action"("request_key");

-- AddForeignKey
ALTER TABLE "outbox_email" ADD CONSTRAINT "outbox_email_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE SET NULL ON UPDATE CASCADE;
