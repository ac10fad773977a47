-- The survey's hold (survey/hold.ts): answers wait there until PRIVACY_MIN_COUNT of them share
-- every stored attribute, then move to "SurveyResponse" together, in random order.

-- CreateTable
CREATE TABLE "SurveyHeldAnswer" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "regionId" UUID NOT NULL,
    "variant" "SurveyVariant" NOT NULL,
    "trajectoryType" TEXT NOT NULL,
    "closingQuarter" TEXT NOT NULL,
    "questionSet" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "answers" JSONB NOT NULL,

    CONSTRAINT "SurveyHeldAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SurveyHeldAnswer_organisationId_regionId_variant_trajectory_idx" ON "SurveyHeldAnswer"("organisationId", "regionId", "variant", "trajectoryType", "closingQuarter", "questionSet");

-- Dead versions of held rows still carry the xmin of their use: have autovacuum clear them soon.
ALTER TABLE "SurveyHeldAnswer" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1);

-- Answers stored before the hold share their xmin with the invitation's use: they go back
-- through the hold (this migration's one transaction gives them all one xmin), and move again in
-- batches. Their day of answering is not kept.
INSERT INTO "SurveyHeldAnswer" ("id", "organisationId", "regionId", "variant", "trajectoryType", "closingQuarter", "questionSet", "language", "answers")
SELECT gen_random_uuid(), "organisationId", "regionId", "variant", "trajectoryType",
       substr("closingMonth", 1, 4) || '-Q' || (((substr("closingMonth", 6, 2)::int) - 1) / 3 + 1)::text,
       "questionSet", "language", "answers"
FROM "SurveyResponse" ORDER BY random();
DELETE FROM "SurveyResponse";

-- DropIndex
DROP INDEX "SurveyResponse_organisationId_closingMonth_idx";

-- AlterTable
ALTER TABLE "SurveyResponse" DROP COLUMN "closingMonth",
ADD COLUMN     "closingQuarter" TEXT NOT NULL;

-- CreateIndex
CREATE INDEX "SurveyResponse_organisationId_closingQuarter_idx" ON "SurveyResponse"("organisationId", "closingQuarter");
