-- CreateTable
CREATE TABLE "complaint_reply" (
    "id" UUID NOT NULL,
    "complaint_number" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "from_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_reply_attachment" (
    "reply_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "complaint_reply_attachment_pkey" PRIMARY KEY ("reply_id","position")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaint_reply_message_id_key" ON "complaint_reply"("message_id");

-- CreateIndex
CREATE INDEX "complaint_reply_complaint_number_received_at_idx" ON "complaint_reply"("complaint_number", "received_at");

-- CreateIndex
CREATE INDEX "outbox_email_message_id_idx" ON "outbox_email"("message_id");

-- AddForeignKey
ALTER TABLE "complaint_reply" ADD CONSTRAINT "complaint_reply_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_reply_attachment" ADD CONSTRAINT "complaint_reply_attachment_reply_id_fkey" FOREIGN KEY ("reply_id") REFERENCES "complaint_reply"("id") ON DELETE CASCADE ON UPDATE CASCADE;
