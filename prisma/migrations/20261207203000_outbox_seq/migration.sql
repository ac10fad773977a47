-- Queue order within one millisecond: entries are sent in the order they were written.
ALTER TABLE "OutboxMessage" ADD COLUMN "seq" SERIAL NOT NULL;
