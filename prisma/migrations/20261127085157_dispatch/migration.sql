-- CreateEnum
CREATE TYPE "DeclineReason" AS ENUM ('NO_PLACE', 'OTHER_HELP', 'OUT_OF_SCOPE', 'NOT_ENOUGH_INFO', 'DUPLICATE', 'OTHER');

-- AlterEnum
BEGIN;
CREATE TYPE "ReferralStatus_new" AS ENUM ('DRAFT', 'SUBMITTED', 'WAITING_LIST', 'TAKEN_UP', 'DECLINED', 'WITHDRAWN', 'INTAKE', 'RUNNING', 'CLOSED', 'STOPPED_EARLY');
ALTER TABLE "public"."Referral" ALTER COLUMN "status" DROP DEFAULT;
-- "Meer informatie gevraagd" is no longer a status (an open question is an InfoRequest).
ALTER TABLE "Referral" ALTER COLUMN "status" TYPE "ReferralStatus_new" USING ((CASE WHEN "status"::text = 'INFO_REQUESTED' THEN 'SUBMITTED' ELSE "status"::text END)::"ReferralStatus_new");
ALTER TYPE "ReferralStatus" RENAME TO "ReferralStatus_old";
ALTER TYPE "ReferralStatus_new" RENAME TO "ReferralStatus";
DROP TYPE "public"."ReferralStatus_old";
ALTER TABLE "Referral" ALTER COLUMN "status" SET DEFAULT 'DRAFT';
COMMIT;

-- DropForeignKey
ALTER TABLE "OutboxMessage" DROP CONSTRAINT "OutboxMessage_conversationRefId_fkey";

-- DropForeignKey
ALTER TABLE "Person" DROP CONSTRAINT "Person_organisationId_fkey";

-- AlterTable
ALTER TABLE "ConversationRef" ADD COLUMN     "nextSendAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OutboxMessage" DROP COLUMN "conversationRefId",
ADD COLUMN     "scope" TEXT,
ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3);


-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "begeleiderId" UUID,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "declineInstead" TEXT,
ADD COLUMN     "declineNote" TEXT,
ADD COLUMN     "declineReason" "DeclineReason",
ADD COLUMN     "dispatchActivityId" TEXT,
ADD COLUMN     "dispatchConversationId" TEXT,
ADD COLUMN     "evaluationDueAt" TIMESTAMP(3),
ADD COLUMN     "expectedStart" DATE,
ADD COLUMN     "firstContactAt" TIMESTAMP(3),
ADD COLUMN     "intakeAt" TIMESTAMP(3),
ADD COLUMN     "lastEvaluationAt" TIMESTAMP(3),
ADD COLUMN     "organisationId" UUID,
ADD COLUMN     "startedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DispatchLink" (
    "id" UUID NOT NULL,
    "regionId" UUID NOT NULL,
    "conversationId" TEXT NOT NULL,
    "teamId" TEXT,
    "linkedById" UUID,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DispatchLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "personId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("personId","organisationId")
);

-- A person's one organisation becomes their first membership.
INSERT INTO "Membership" ("personId", "organisationId") SELECT "id", "organisationId" FROM "Person" WHERE "organisationId" IS NOT NULL;

-- AlterTable
ALTER TABLE "Person" DROP COLUMN "organisationId",
ADD COLUMN     "teamsUserId" TEXT;

-- CreateTable
CREATE TABLE "InfoRequest" (
    "id" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "askedById" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InfoRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "key" TEXT NOT NULL,
    "ranAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScheduledRun_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "DispatchLink_regionId_key" ON "DispatchLink"("regionId");

-- CreateIndex
CREATE UNIQUE INDEX "DispatchLink_conversationId_key" ON "DispatchLink"("conversationId");

-- CreateIndex
CREATE INDEX "OutboxMessage_scope_status_idx" ON "OutboxMessage"("scope", "status");

-- CreateIndex
CREATE INDEX "InfoRequest_referralId_createdAt_idx" ON "InfoRequest"("referralId", "createdAt");

-- AddForeignKey
ALTER TABLE "DispatchLink" ADD CONSTRAINT "DispatchLink_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_begeleiderId_fkey" FOREIGN KEY ("begeleiderId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InfoRequest" ADD CONSTRAINT "InfoRequest_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;
