-- CreateTable
CREATE TABLE "installed_base" (
    "serial" TEXT NOT NULL,
    "customer_name" TEXT NOT NULL,
    "customer_email" TEXT NOT NULL,
    "customer_language" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "address" TEXT,
    "product_model" TEXT NOT NULL,
    "installed_on" DATE NOT NULL,
    "interval_months" INTEGER NOT NULL,
    "next_due_on" DATE NOT NULL,
    "last_visit_on" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "installed_base_pkey" PRIMARY KEY ("serial")
);

-- CreateTable
CREATE TABLE "maintenance_order" (
    "order_id" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "state" TEXT NOT NULL,
    "engineer" TEXT,
    "status_line" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "notice_sent_at" TIMESTAMPTZ(3),
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "visited_at" TIMESTAMPTZ(3),
    "visit" JSONB,
    "next_due_on" DATE,
    "events" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "maintenance_order_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "installed_base_active_next_due_on_serial_idx" ON "installed_base"("active", "next_due_on", "serial");

-- CreateIndex
CREATE INDEX "maintenance_order_state_idx" ON "maintenance_order"("state");

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_order_serial_due_on_key" ON "maintenance_order"("serial", "due_on");

-- AddForeignKey
ALTER TABLE "maintenance_order" ADD CONSTRAINT "maintenance_order_serial_fkey" FOREIGN KEY ("serial") REFERENCES "installed_base"("serial") ON DELETE RESTRICT ON UPDATE CASCADE;
