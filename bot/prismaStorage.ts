// botbuilder Storage on the service's database, so conversation and user state (dialog stacks,
// half-finished referrals) survive a restart. Follows MemoryStorage's eTag rules: a write with a
// stale eTag fails, "*" or no eTag overwrites.
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { DbClient } from '../db/open.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export class StorageConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StorageConflictError';
  }
}

type JsonObject = Prisma.InputJsonObject;

export class PrismaStorage implements Storage {
  constructor(private readonly prisma: DbClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.prisma.botState.findMany({ where: { key: { in: keys } } });
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(row.data as JsonObject), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      // A JSON round trip drops functions and undefined, as MemoryStorage's clone does.
      const data = JSON.parse(JSON.stringify(rest)) as JsonObject;
      const etag = randomUUID();
      if (!eTag || eTag === '*') {
        await this.prisma.botState.upsert({ where: { key }, create: { key, data, etag }, update: { data, etag } });
        continue;
      }
      // Conditional update: only the writer holding the current eTag wins.
      const { count } = await this.prisma.botState.updateMany({ where: { key, etag: eTag }, data: { data, etag } });
      if (count === 1) continue;
      const created = await this.prisma.botState.createMany({ data: [{ key, data, etag }], skipDuplicates: true });
      if (created.count === 0) throw new StorageConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.prisma.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
