-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "capacityAt" TIMESTAMP(3),
ADD COLUMN     "capacityById" UUID,
ADD COLUMN     "freePlaces" INTEGER,
ADD COLUMN     "fullUntil" DATE;
