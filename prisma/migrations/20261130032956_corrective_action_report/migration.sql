-- CreateTable
CREATE TABLE "outbox_attachment" (
    "id" UUID NOT NULL,
    "email_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "outbox_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "corrective_action_report" (
    "id" UUID NOT NULL,
    "car_number" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "complaint_number" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "template" TEXT,
    "title" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "corrective_action_report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_attachment_email_id_position_key" ON "outbox_attachment"("email_id", "position");

-- CreateIndex
CREATE INDEX "corrective_action_report_complaint_number_idx" ON "corrective_action_report"("complaint_number");

-- CreateIndex
CREATE UNIQUE INDEX "corrective_action_report_car_number_round_key" ON "corrective_action_report"("car_number", "round");

-- AddForeignKey
ALTER TABLE "outbox_attachment" ADD CONSTRAINT "outbox_attachment_email_id_fkey" FOREIGN KEY ("email_id") REFERENCES "outbox_email"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "corrective_action_report" ADD CONSTRAINT "corrective_action_report_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE RESTRICT ON UPDATE CASCADE;
