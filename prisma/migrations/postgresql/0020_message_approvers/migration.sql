-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "approvedByIds" TEXT;
