-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "liveCardId" TEXT,
ADD COLUMN     "liveCardView" TEXT,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- DropTable
DROP TABLE "BotState";
