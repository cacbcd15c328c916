-- CreateTable
CREATE TABLE "staff_change" (
    "id" UUID NOT NULL,
    "staff_id" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "by_id" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "staff_change_staff_id_idx" ON "staff_change"("staff_id");
