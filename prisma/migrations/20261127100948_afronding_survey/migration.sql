-- Nothing wrote survey invitations or responses before this migration (the tables are empty), so
-- their new required columns need no default.

-- CreateEnum
CREATE TYPE "SurveyVariant" AS ENUM ('YOUNG_PERSON', 'SCHOOL', 'GROUP');

-- CreateEnum
CREATE TYPE "StopReason" AS ENUM ('YOUNG_PERSON_STOPPED', 'NO_CONTACT', 'MOVED_SCHOOL', 'SCHOOL_STOPPED', 'OTHER_HELP', 'OTHER');

-- DropIndex
DROP INDEX "SurveyInvitation_tokenHash_key";

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "goalAttainment" INTEGER,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "stopReason" "StopReason";

-- AlterTable
ALTER TABLE "SurveyInvitation" DROP COLUMN "tokenHash",
DROP COLUMN "usedAt",
ADD COLUMN     "closingMonth" TEXT NOT NULL,
ADD COLUMN     "maxUses" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "referralId" UUID NOT NULL,
ADD COLUMN     "regionId" UUID NOT NULL,
ADD COLUMN     "remindedAt" TIMESTAMP(3),
ADD COLUMN     "trajectoryType" TEXT NOT NULL,
ADD COLUMN     "uses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "variant" "SurveyVariant" NOT NULL;

-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN     "closingMonth" TEXT NOT NULL,
ADD COLUMN     "language" TEXT NOT NULL,
ADD COLUMN     "questionSet" TEXT NOT NULL,
ADD COLUMN     "regionId" UUID NOT NULL,
ADD COLUMN     "trajectoryType" TEXT NOT NULL,
ADD COLUMN     "variant" "SurveyVariant" NOT NULL;

-- CreateTable
CREATE TABLE "SurveyToken" (
    "tokenHash" TEXT NOT NULL,
    "invitationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "SurveyInvitation_organisationId_closingMonth_idx" ON "SurveyInvitation"("organisationId", "closingMonth");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_referralId_variant_key" ON "SurveyInvitation"("referralId", "variant");

-- CreateIndex
CREATE INDEX "SurveyResponse_organisationId_closingMonth_idx" ON "SurveyResponse"("organisationId", "closingMonth");

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyToken" ADD CONSTRAINT "SurveyToken_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "SurveyInvitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
