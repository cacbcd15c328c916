-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "complaint_type" TEXT,
ADD COLUMN     "department" TEXT,
ADD COLUMN     "linked_from" TEXT,
ADD COLUMN     "owner_roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "profile_hash" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "profile_id" TEXT NOT NULL DEFAULT 'industrial-fault',
ADD COLUMN     "profile_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "quantity_affected" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "severity" TEXT;

-- Complaints registered before profiles existed ran the first workflow slice; defaults only fill them.
ALTER TABLE "complaint" ALTER COLUMN "profile_hash" DROP DEFAULT,
ALTER COLUMN "profile_id" DROP DEFAULT,
ALTER COLUMN "profile_version" DROP DEFAULT;

-- CreateTable
CREATE TABLE "complaint_form" (
    "id" UUID NOT NULL,
    "complaint_number" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_form_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" UUID NOT NULL,
    "complaint_number" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "stage_before" TEXT NOT NULL,
    "stage_after" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "archive_record" (
    "complaint_number" TEXT NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL,
    "retain_until" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "archive_record_pkey" PRIMARY KEY ("complaint_number")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "complaint_form_kind_idx" ON "complaint_form"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_form_complaint_number_seq_kind_key" ON "complaint_form"("complaint_number", "seq", "kind");

-- CreateIndex
CREATE INDEX "audit_entry_actor_id_idx" ON "audit_entry"("actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entry_complaint_number_seq_key" ON "audit_entry"("complaint_number", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "staff_token_hash_key" ON "staff"("token_hash");

-- CreateIndex
CREATE INDEX "complaint_severity_idx" ON "complaint"("severity");

-- CreateIndex
CREATE INDEX "complaint_department_idx" ON "complaint"("department");

-- CreateIndex
CREATE INDEX "complaint_profile_id_idx" ON "complaint"("profile_id");

-- AddForeignKey
ALTER TABLE "complaint_form" ADD CONSTRAINT "complaint_form_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_record" ADD CONSTRAINT "archive_record_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE RESTRICT ON UPDATE CASCADE;
