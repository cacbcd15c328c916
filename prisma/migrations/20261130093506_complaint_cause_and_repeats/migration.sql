-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "cause" TEXT;

-- CreateIndex
CREATE INDEX "complaint_serial_number_idx" ON "complaint"("serial_number");

-- CreateIndex
CREATE INDEX "complaint_product_model_cause_idx" ON "complaint"("product_model", "cause");

-- Complaints diagnosed before the column existed: the cause of their latest diagnosis.
UPDATE "complaint" AS c
SET "cause" = f.cause
FROM (
    SELECT DISTINCT ON ("complaint_number") "complaint_number", "data"->>'cause' AS cause
    FROM "complaint_form"
    WHERE "kind" = 'diagnosis'
    ORDER BY "complaint_number", "seq" DESC
) AS f
WHERE f."complaint_number" = c."number";
