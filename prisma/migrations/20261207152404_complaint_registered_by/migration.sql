-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "registered_by_id" TEXT,
ADD COLUMN     "registered_by_role" TEXT;
