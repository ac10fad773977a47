// A small in-memory cache for reference data that changes a few times a year (who works where,
// a region's coordinators), read on nearly every turn. Per database client, bounded, a failed
// read is not kept.
import type { DbClient } from './open.ts';

export function ttlCache<T>(ttlMs: number, maxEntries = 10_000): (prisma: DbClient, key: string, load: () => Promise<T>) => Promise<T> {
  const byDb = new WeakMap<DbClient, Map<string, { at: number; value: Promise<T> }>>();
  return (prisma, key, load) => {
    let cache = byDb.get(prisma);
    if (!cache) byDb.set(prisma, (cache = new Map()));
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = load();
    cache.delete(key);
    cache.set(key, { at: Date.now(), value });
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value ?? '');
    value.catch(() => cache.delete(key));
    return value;
  };
}
