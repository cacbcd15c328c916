-- CreateTable
CREATE TABLE "monthly_shipped_quantity" (
    "month" CHAR(6) NOT NULL,
    "quantity" INTEGER NOT NULL,
    "note" TEXT,
    "entered_by" TEXT NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "monthly_shipped_quantity_pkey" PRIMARY KEY ("month")
);
