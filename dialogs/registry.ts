// Card buttons reach their flow through one registry: the button's data names its flow
// (`naft: "referral"`), the flow checks the rest with its own zod schema. Referral, dispatch and
// later flows plug in side by side; a button of no known flow gets an explanation.
import type { Effect, Turn } from './effects.ts';

export type CardActionHandler = (turn: Turn, value: Readonly<Record<string, unknown>>) => Promise<Effect[]>;

export class CardActionRegistry {
  private readonly flows = new Map<string, CardActionHandler>();

  register(flow: string, handler: CardActionHandler): this {
    if (this.flows.has(flow)) throw new Error(`Card flow "${flow}" is registered twice`);
    this.flows.set(flow, handler);
    return this;
  }

  /** The handler for a card submit's data, or undefined when no flow claims it. */
  handlerFor(value: unknown): { handler: CardActionHandler; value: Readonly<Record<string, unknown>> } | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    const handler = typeof record.naft === 'string' ? this.flows.get(record.naft) : undefined;
    return handler ? { handler, value: record } : undefined;
  }
}
