// The workers of this process, so code that just committed an outbox entry can have it sent at
// once without being handed a worker. Waking is only a hint: a worker also polls.
const listeners = new Set<() => void>();

export function onOutboxWake(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call after committing an enqueue: every worker in this process runs soon. */
export function wakeOutboxWorkers(): void {
  for (const listener of listeners) listener();
}
