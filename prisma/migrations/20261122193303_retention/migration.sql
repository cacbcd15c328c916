-- AlterTable
ALTER TABLE "archive_record" ADD COLUMN     "anonymised_at" TIMESTAMPTZ(3);
