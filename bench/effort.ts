// The effort of one pupil referral as a CLB staff member has it: clicks, inputs to fill and
// characters to type when answering only what is required, as briefly as allowed. Measured by
// doing it through the real endpoint (so the service must accept exactly this minimum) and
// counting on the cards the bot sent: a preset answer costs nothing, a radio button one click,
// a drop-down two, a text field a click plus what is typed.
//
//   npm run bench:effort   (also printed by npm run bench:referrals)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config/env.ts';
import { startService } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import type { Field } from '../referrals/fields.ts';
import { boundOf } from '../referrals/fields.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import { fieldsFor, isRequired } from '../referrals/validate.ts';
import { startConnectorStub } from '../test/support/connectorStub.ts';
import { button, cardText, Chat } from '../test/support/chat.ts';
import type { CardJson } from '../test/support/chat.ts';
import { demoPeople } from '../playground/demo.ts';

export interface Effort {
  clicks: number;
  inputs: number;
  typed: number;
  freeTextRequired: number;
  freeTextTyped: number;
  reference: string;
}

/** The shortest answer a required field accepts. */
function minimal(field: Field): string | undefined {
  switch (field.type) {
    case 'text':
      if (field.id === 'lastInitial') return 'E';
      // A town the region is known for, so the region is suggested rather than chosen.
      if (field.id === 'schoolTown') return 'Gent';
      return 'a'.repeat(Math.max(1, field.min));
    case 'number':
      return String(boundOf(field.max));
    case 'choice':
      return field.preset ?? field.options[0]?.value;
    case 'toggle':
      return 'true';
    case 'region':
      return 'AUTO';
    case 'date':
      return undefined;
  }
}

interface CardInputJson {
  id: string;
  type: string;
  style?: string;
  value?: unknown;
}

function inputsOf(card: CardJson | undefined): CardInputJson[] {
  const out: CardInputJson[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Partial<CardInputJson>;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out.push(n as CardInputJson);
    Object.values(node).forEach(walk);
  };
  walk(card?.body);
  return out;
}

export async function measureEffort(): Promise<Effort> {
  const dataDir = await mkdtemp(join(tmpdir(), 'naft-bench-effort-'));
  const stub = await startConnectorStub();
  const service = await startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on' }), database: { kind: 'pglite', dataDir } }, silentLogger);
  try {
    const sofie = demoPeople.find((p) => p.role === 'CLB_STAFF');
    if (!sofie) throw new Error('no demo CLB user');
    const chat = new Chat(service.url, stub, { id: sofie.aadObjectId, name: sofie.name, aadObjectId: sofie.aadObjectId });
    const effort: Effort = { clicks: 0, inputs: 0, typed: 0, freeTextRequired: 0, freeTextTyped: 0, reference: '' };
    let reply = (await chat.say('nieuwe aanmelding')).at(-1);
    effort.clicks++;
    reply = (await chat.submit(button(reply?.card, 'Eén leerling'))).at(-1);
    for (const step of STEP_IDS) {
      const shown = new Map(inputsOf(reply?.card).map((i) => [i.id, i]));
      const answers: Record<string, string> = {};
      for (const field of fieldsFor(step, 'PUPIL')) {
        const value = isRequired(field, {}) ? minimal(field) : undefined;
        const input = shown.get(field.id);
        if (value === undefined || !input) continue;
        answers[field.id] = value;
        if (String(input.value ?? '') === value) continue; // preset or remembered: nothing to do
        effort.inputs++;
        if (input.type === 'Input.Text' || input.type === 'Input.Number') {
          effort.clicks++;
          effort.typed += value.length;
          if (field.type === 'text' && field.multiline) {
            effort.freeTextRequired++;
            effort.freeTextTyped += value.length;
          }
        } else effort.clicks += input.type === 'Input.ChoiceSet' && input.style !== 'expanded' ? 2 : 1;
      }
      effort.clicks++;
      reply = (await chat.submit(button(reply?.card, /^(Volgende|Naar het overzicht)$/), answers)).at(-1);
    }
    effort.clicks++;
    const done = (await chat.submit(button(reply?.card, 'Bevestigen en versturen'))).at(-1);
    effort.reference = /GR-\d{4}-\d{4}/.exec(cardText(done?.card))?.[0] ?? '';
    if (!effort.reference) throw new Error(`The minimal referral was not accepted: ${cardText(reply?.card).slice(0, 300)}`);
    return effort;
  } finally {
    await service.close();
    await stub.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function effortLine(e: Effort): string {
  return (
    `one pupil referral, only what is required: ${e.clicks} clicks, ${e.inputs} inputs to fill, ${e.typed} characters typed; ` +
    `required free-text answers ${e.freeTextRequired} (${e.freeTextTyped} characters of them); target: at most one per step card (7); accepted as ${e.reference}`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(effortLine(await measureEffort()));
  process.exit(0);
}
