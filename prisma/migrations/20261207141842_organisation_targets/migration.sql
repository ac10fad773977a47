-- CreateTable
CREATE TABLE "OrganisationTarget" (
    "organisationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "target" INTEGER NOT NULL,

    CONSTRAINT "OrganisationTarget_pkey" PRIMARY KEY ("organisationId","year")
);

-- CreateIndex
CREATE INDEX "Referral_submittedAt_idx" ON "Referral"("submittedAt");

-- AddForeignKey
ALTER TABLE "OrganisationTarget" ADD CONSTRAINT "OrganisationTarget_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
