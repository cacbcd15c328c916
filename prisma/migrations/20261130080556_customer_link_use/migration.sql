-- CreateTable
CREATE TABLE "customer_link_use" (
    "jti" TEXT NOT NULL,
    "complaint_number" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3) NOT NULL,
    "answer" JSONB NOT NULL,

    CONSTRAINT "customer_link_use_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "customer_link_use_complaint_number_idx" ON "customer_link_use"("complaint_number");

-- AddForeignKey
ALTER TABLE "customer_link_use" ADD CONSTRAINT "customer_link_use_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE RESTRICT ON UPDATE CASCADE;
