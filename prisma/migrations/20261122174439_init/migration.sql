-- CreateTable
CREATE TABLE "complaint_sequence" (
    "month" CHAR(6) NOT NULL,
    "last_value" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_sequence_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "complaint" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "month" CHAR(6) NOT NULL,
    "sequence" INTEGER NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "request_key" TEXT,
    "stage" TEXT NOT NULL,
    "customer_name" TEXT NOT NULL,
    "customer_email" TEXT NOT NULL,
    "customer_phone" TEXT,
    "customer_language" TEXT NOT NULL,
    "product_model" TEXT NOT NULL,
    "serial_number" TEXT,
    "batch_number" TEXT,
    "order_number" TEXT,
    "channel" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "registration" JSONB NOT NULL,
    "workflow_started_at" TIMESTAMPTZ(3),
    "acknowledged_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_email" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "complaint_number" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_email_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaint_number_key" ON "complaint"("number");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_workflow_id_key" ON "complaint"("workflow_id");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_request_key_key" ON "complaint"("request_key");

-- CreateIndex
CREATE INDEX "complaint_customer_name_idx" ON "complaint"("customer_name");

-- CreateIndex
CREATE INDEX "complaint_batch_number_idx" ON "complaint"("batch_number");

-- CreateIndex
CREATE INDEX "complaint_stage_idx" ON "complaint"("stage");

-- CreateIndex
CREATE INDEX "complaint_created_at_idx" ON "complaint"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_month_sequence_key" ON "complaint"("month", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_email_idempotency_key_key" ON "outbox_email"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_email_status_idx" ON "outbox_email"("status");

-- CreateIndex
CREATE INDEX "outbox_email_complaint_number_idx" ON "outbox_email"("complaint_number");

-- AddForeignKey
ALTER TABLE "outbox_email" ADD CONSTRAINT "outbox_email_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE RESTRICT ON UPDATE CASCADE;
