-- CreateTable
CREATE TABLE "sla_clock" (
    "id" UUID NOT NULL,
    "complaint_number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "warn_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_amount" DOUBLE PRECISION NOT NULL,
    "duration_unit" TEXT NOT NULL,
    "paused_ms" BIGINT NOT NULL DEFAULT 0,
    "paused_at" TIMESTAMPTZ(3),
    "warned_at" TIMESTAMPTZ(3),
    "breached_at" TIMESTAMPTZ(3),
    "met_at" TIMESTAMPTZ(3),
    "breach_ms" BIGINT,
    "department" TEXT NOT NULL,
    "owner" TEXT NOT NULL,

    CONSTRAINT "sla_clock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "performance_entry" (
    "id" UUID NOT NULL,
    "month" CHAR(6) NOT NULL,
    "department" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "complaint_number" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "clock_started_at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "performance_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sla_clock_department_due_at_idx" ON "sla_clock"("department", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "sla_clock_complaint_number_name_started_at_key" ON "sla_clock"("complaint_number", "name", "started_at");

-- CreateIndex
CREATE INDEX "performance_entry_month_department_idx" ON "performance_entry"("month", "department");

-- CreateIndex
CREATE UNIQUE INDEX "performance_entry_complaint_number_clock_clock_started_at_key" ON "performance_entry"("complaint_number", "clock", "clock_started_at");

-- AddForeignKey
ALTER TABLE "sla_clock" ADD CONSTRAINT "sla_clock_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE RESTRICT ON UPDATE CASCADE;
