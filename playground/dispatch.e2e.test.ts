// Run by `npm run test:playground` (never by `npm test`): the dispatch by "hand", as README's "Try it
// in the playground" tells it, against the real service on a fresh embedded database and the real
// Agents Playground, started the way `npm start` starts it (local.ts: the Dispatch channel linked
// for the demo). Sofie refers (through the playground's API, for speed); the card appears in the
// channel by itself; the playground is started again as Lotte Vermeulen (PLAYGROUND_USER), who
// takes the referral up on the card in the web UI and gets the identifying details 1:1; started as
// Sofie once more, she finds the decision in her 1:1 chat. Screenshots in test-output/playground/.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardText } from '../test/support/chat.ts';
import type { CardJson } from '../test/support/chat.ts';
import { sendMessage } from './client.ts';
import { demoPersonNamed, demoPlayground, demoTeamsUserId } from './demo.ts';
import { CHANNEL, PUPIL, SHOTS, cardWith, openChannel, openPersonalChat, referAsSofie, useE2e } from './e2eHarness.ts';

const e2e = useE2e('naft-e2e-dispatch-');
let reference = '';

/** Everything a card in the channel may not show: who the young person is. */
function expectNoIdentifiers(text: string): void {
  expect(text).not.toMatch(/Amira/i);
  expect(text).not.toMatch(/\bB\./);
  expect(text).not.toContain(PUPIL.birthYear);
}

describe('the dispatch in the Agents Playground', () => {
  it('posts Sofie’s referral in the Dispatch channel that npm start linked, without who the pupil is', async () => {
    const { page, bot } = await e2e.startAs(); // Sofie Claes, as with plain `npm start`
    await page.getByRole('button', { name: 'Nieuwe aanmelding' }).last().waitFor({ timeout: 20_000 });

    // The referral through the playground's API, as the web UI would send it.
    const sent = await referAsSofie(e2e, bot);
    expect(cardText(sent.overview)).toContain('Overzicht van je aanmelding');
    reference = sent.reference;
    expect(reference).toBe(`GR-${new Date().getFullYear()}-0001`);

    // Nobody typed "koppel dispatch": the card comes into the channel by itself.
    const posted = await bot.nextCard(CHANNEL, sent.mark);
    expect(posted.thread).toBe(`${CHANNEL};messageid=${posted.messageId}`);
    expect(cardText(posted.card)).toContain(reference);
    expectNoIdentifiers(JSON.stringify(posted.card));

    await openChannel(page);
    const shown = cardWith(page, reference);
    await shown.waitFor({ timeout: 20_000 });
    expect(await shown.innerText()).toContain('Wacht op een beslissing van de dispatch.');
    expect(await shown.innerText()).toMatch(/de leerling spijbelt sinds september/i); // the name replaced, at the start of the sentence
    expectNoIdentifiers(await shown.innerText());
    await shown.screenshot({ path: join(SHOTS, 'dispatch-1-card-as-sofie.png') });
    await page.close();
  });

  it('lets Lotte Vermeulen, started as the current user, take it up on the card and read who it is 1:1', async () => {
    const { page, bot } = await e2e.startAs('lotte vermeulen');
    expect(e2e.playground?.currentUser.name).toBe('Lotte Vermeulen');
    // The playground starts empty: the card is posted again.
    await openChannel(page);
    const shown = cardWith(page, reference);
    await shown.waitFor({ timeout: 20_000 });
    await shown.screenshot({ path: join(SHOTS, 'dispatch-2-card-before.png') });

    await shown.getByRole('button', { name: 'Wij nemen op' }).click();
    const form = cardWith(page, 'Bevestigen: wij nemen op');
    await form.waitFor({ timeout: 20_000 });
    await form.screenshot({ path: join(SHOTS, 'dispatch-3-take-up-form.png') });
    // The invoke answer shows it to Lotte at once; the outbox then updates the card for everyone.
    const mark = bot.events.length;
    await form.getByRole('button', { name: 'Bevestigen: wij nemen op' }).click();
    const taken = cardWith(page, 'Opgenomen door aPart');
    await expect.poll(() => taken.innerText(), { timeout: 20_000 }).toContain('Opgenomen door aPart (begeleider Lotte Vermeulen)');
    await expect.poll(() => bot.events.slice(mark).some((e) => e.action === 'updateMessage' && e.actionConversationId.startsWith(CHANNEL)), { timeout: 20_000 }).toBe(true);
    const updated = bot.events.filter((e) => e.action === 'updateMessage' && e.actionConversationId.startsWith(CHANNEL)).at(-1);
    expect(cardText(updated?.message?.attachments[0]?.content as CardJson)).toContain('Opgenomen door aPart');
    expectNoIdentifiers(JSON.stringify(updated?.message));
    expectNoIdentifiers(await taken.innerText());
    await taken.screenshot({ path: join(SHOTS, 'dispatch-4-card-after.png') });

    // Typed in the channel by a coordinator: the channel is already linked.
    const at = `<at>${demoPlayground.botName}</at>`;
    const typed = bot.events.length;
    await sendMessage(e2e.playground?.url ?? '', { conversationId: CHANNEL, fromId: demoTeamsUserId(demoPersonNamed('Lotte Vermeulen')), text: `${at} koppel dispatch Gent en Rand`, mentions: [{ mentioned: { id: demoPlayground.botId }, text: at }] });
    expect(await bot.nextText(CHANNEL, typed)).toContain('Dit kanaal is al het dispatchkanaal van **NAFT Gent en Rand**');

    // Only aPart, in Lotte's 1:1 chat, learns who the young person is.
    await openPersonalChat(page);
    const details = cardWith(page, 'Opgenomen: gegevens voor de begeleiding');
    await details.waitFor({ timeout: 20_000 });
    expect(await details.innerText()).toContain('Amira B.');
    await details.screenshot({ path: join(SHOTS, 'dispatch-5-details-for-lotte.png') });
    await page.close();
  });

  it('has the decision waiting in Sofie’s 1:1 chat when the playground is hers again', async () => {
    const { page } = await e2e.startAs();
    const notice = cardWith(page, 'Je aanmelding is opgenomen');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toContain('opgenomen door aPart');
    await notice.screenshot({ path: join(SHOTS, 'dispatch-6-notice-for-sofie.png') });
    await page.screenshot({ path: join(SHOTS, 'dispatch-7-sofie-chat.png'), fullPage: true });

    // Nothing was sent into a chat that was not there, and nothing is left waiting.
    const outbox = await e2e.service.db.prisma.outboxMessage.groupBy({ by: ['status'], _count: true });
    expect(outbox.find((row) => row.status === 'FAILED')).toBeUndefined();
    await page.close();
  });
});
