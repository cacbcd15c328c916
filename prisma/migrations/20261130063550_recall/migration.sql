-- CreateTable
CREATE TABLE "shipment" (
    "id" TEXT NOT NULL,
    "customer_name" TEXT NOT NULL,
    "customer_email" TEXT NOT NULL,
    "customer_language" TEXT NOT NULL,
    "ship_to" TEXT NOT NULL,
    "product_model" TEXT NOT NULL,
    "lot" TEXT,
    "serial" TEXT,
    "quantity" INTEGER NOT NULL,
    "shipped_at" TIMESTAMPTZ(3) NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recall_sequence" (
    "month" CHAR(6) NOT NULL,
    "last_value" INTEGER NOT NULL,

    CONSTRAINT "recall_sequence_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "recall" (
    "number" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "request_key" TEXT,
    "complaint_number" TEXT,
    "source" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "product_model" TEXT,
    "lots" TEXT[],
    "serials" TEXT[],
    "risk" TEXT NOT NULL,
    "remedy" TEXT NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "profile_id" TEXT NOT NULL,
    "opened_by" TEXT NOT NULL,
    "opening" JSONB,
    "workflow_started_at" TIMESTAMPTZ(3),
    "consignees" INTEGER NOT NULL DEFAULT 0,
    "status_line" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "close_reason" TEXT,

    CONSTRAINT "recall_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "recall_consignee" (
    "recall_number" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "ship_to" TEXT NOT NULL,
    "lots" TEXT[],
    "serials" TEXT[],
    "quantity_shipped" INTEGER NOT NULL,
    "first_shipped_at" TIMESTAMPTZ(3) NOT NULL,
    "last_shipped_at" TIMESTAMPTZ(3) NOT NULL,
    "notified_at" TIMESTAMPTZ(3),
    "channel" TEXT,
    "notice_status" TEXT,
    "acknowledged_at" TIMESTAMPTZ(3),
    "quantity_on_hand" INTEGER,
    "quantity_returned" INTEGER NOT NULL DEFAULT 0,
    "quantity_corrected" INTEGER NOT NULL DEFAULT 0,
    "quantity_destroyed" INTEGER NOT NULL DEFAULT 0,
    "credit_issued" DECIMAL(14,2),
    "settled_at" TIMESTAMPTZ(3),
    "reminders" INTEGER NOT NULL DEFAULT 0,
    "last_reminded_at" TIMESTAMPTZ(3),
    "escalated_at" TIMESTAMPTZ(3),

    CONSTRAINT "recall_consignee_pkey" PRIMARY KEY ("recall_number","ordinal")
);

-- CreateTable
CREATE TABLE "recall_event" (
    "id" UUID NOT NULL,
    "recall_number" TEXT NOT NULL,
    "ordinal" INTEGER,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "event_key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recall_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "shipment_lot_idx" ON "shipment"("lot");

-- CreateIndex
CREATE INDEX "shipment_serial_idx" ON "shipment"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "recall_workflow_id_key" ON "recall"("workflow_id");

-- CreateIndex
CREATE UNIQUE INDEX "recall_request_key_key" ON "recall"("request_key");

-- CreateIndex
CREATE INDEX "recall_complaint_number_idx" ON "recall"("complaint_number");

-- CreateIndex
CREATE INDEX "recall_state_idx" ON "recall"("state");

-- CreateIndex
CREATE INDEX "recall_consignee_recall_number_settled_at_idx" ON "recall_consignee"("recall_number", "settled_at");

-- CreateIndex
CREATE UNIQUE INDEX "recall_consignee_recall_number_email_key" ON "recall_consignee"("recall_number", "email");

-- CreateIndex
CREATE UNIQUE INDEX "recall_event_event_key_key" ON "recall_event"("event_key");

-- CreateIndex
CREATE INDEX "recall_event_recall_number_at_idx" ON "recall_event"("recall_number", "at");

-- AddForeignKey
ALTER TABLE "recall" ADD CONSTRAINT "recall_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recall_consignee" ADD CONSTRAINT "recall_consignee_recall_number_fkey" FOREIGN KEY ("recall_number") REFERENCES "recall"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recall_event" ADD CONSTRAINT "recall_event_recall_number_fkey" FOREIGN KEY ("recall_number") REFERENCES "recall"("number") ON DELETE RESTRICT ON UPDATE CASCADE;
