-- DropForeignKey
ALTER TABLE "Referral" DROP CONSTRAINT "Referral_regionId_fkey";

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "consentFlag" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "subjectKey" TEXT,
ALTER COLUMN "regionId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "regionId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("regionId","year")
);

-- CreateIndex
CREATE INDEX "Referral_subjectKey_idx" ON "Referral"("subjectKey");

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;
