-- CreateTable
CREATE TABLE "corrective_action" (
    "number" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "complaint_number" TEXT,
    "source" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "current_discipline" TEXT,
    "round" INTEGER NOT NULL,
    "owner_role" TEXT NOT NULL,
    "owner_department" TEXT NOT NULL,
    "status_line" TEXT NOT NULL,
    "last_seq" INTEGER NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "corrective_action_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "corrective_action_step" (
    "id" UUID NOT NULL,
    "car_number" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "corrective_action_step_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "corrective_action_workflow_id_key" ON "corrective_action"("workflow_id");

-- CreateIndex
CREATE INDEX "corrective_action_complaint_number_idx" ON "corrective_action"("complaint_number");

-- CreateIndex
CREATE INDEX "corrective_action_phase_owner_department_idx" ON "corrective_action"("phase", "owner_department");

-- CreateIndex
CREATE UNIQUE INDEX "corrective_action_step_car_number_seq_key" ON "corrective_action_step"("car_number", "seq");

-- AddForeignKey
ALTER TABLE "corrective_action" ADD CONSTRAINT "corrective_action_complaint_number_fkey" FOREIGN KEY ("complaint_number") REFERENCES "complaint"("number") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "corrective_action_step" ADD CONSTRAINT "corrective_action_step_car_number_fkey" FOREIGN KEY ("car_number") REFERENCES "corrective_action"("number") ON DELETE RESTRICT ON UPDATE CASCADE;
