// What coordinators type in a team channel: link or unlink it as a region's dispatch channel,
// see what still waits, and whether messages reach the channel.
import type { DbClient } from '../../db/open.ts';
import { linkChannel, regionNames, regionOfChannel, unlinkChannel } from '../../dispatch/link.ts';
import { regionOverview } from '../../dispatch/overview.ts';
import { parseCapacity, regionCapacity, setCapacity } from '../../dispatch/capacity.ts';
import { coordinatorRegions } from '../../dispatch/people.ts';
import { outboxStatus, retryNow } from '../../outbox/status.ts';
import { overviewCard } from '../../cards/dispatch/overviewCard.ts';
import { dispatchStatusCard } from '../../cards/dispatch/statusCard.ts';
import { sendCard, sendText } from '../effects.ts';
import type { Effect, Turn } from '../effects.ts';

export interface ChannelTurn extends Turn {
  /** The channel (without ;messageid=) and its team. */
  channelId: string;
  teamId: string | null;
}

const NOT_LINKED = 'Dit kanaal is nog niet gekoppeld als dispatchkanaal. Een coördinator typt **@NAFT-aanmeldbot koppel dispatch <werkingsgebied>**, bv. *koppel dispatch Gent en Rand*.';

export class DispatchChannel {
  constructor(private readonly prisma: DbClient) {}

  async link(turn: ChannelTurn, regionName: string): Promise<Effect[]> {
    if (regionName === '') return [sendText(`Welk werkingsgebied? Typ bv. **koppel dispatch Gent en Rand**. Mogelijk: ${await this.regionList()}.`)];
    const result = await linkChannel(this.prisma, { regionName, conversationId: turn.channelId, teamId: turn.teamId, aadObjectId: turn.aadObjectId });
    if (result.ok) {
      const waiting = result.waiting === 0 ? '' : result.waiting === 1 ? ' Eén aanmelding die op een kanaal wachtte, verschijnt zo meteen hier.' : ` ${result.waiting} aanmeldingen die op een kanaal wachtten, verschijnen zo meteen hier.`;
      return [sendText(`Gekoppeld: dit is nu het dispatchkanaal van **${result.regionName}**${result.moved ? ' (het vorige kanaal is losgekoppeld)' : ''}. Nieuwe aanmeldingen verschijnen hier, zonder namen van jongeren.${waiting}`)];
    }
    switch (result.reason) {
      case 'already':
        return [sendText(`Dit kanaal is al het dispatchkanaal van **${result.regionName}**. Er hoeft niets te gebeuren.`)];
      case 'channel-taken':
        return [sendText(`Dit kanaal is al gekoppeld aan **${result.regionName}**. Typ eerst **ontkoppel dispatch** als het een ander werkingsgebied moet worden.`)];
      case 'not-coordinator':
        return [sendText(`Alleen coördinatoren van de partners${result.regionName ? ` van ${result.regionName}` : ''} kunnen een dispatchkanaal koppelen.`)];
      case 'unknown-region':
        return [sendText(`Dat werkingsgebied ken ik niet. Mogelijk: ${result.regions.map((r) => `**${r}**`).join(', ')}.`)];
    }
  }

  async unlink(turn: ChannelTurn): Promise<Effect[]> {
    const result = await unlinkChannel(this.prisma, { conversationId: turn.channelId, aadObjectId: turn.aadObjectId });
    if (result.ok) return [sendText(`Losgekoppeld: dit kanaal is niet langer het dispatchkanaal van **${result.regionName}**. Nieuwe aanmeldingen wachten tot er een kanaal gekoppeld is; er gaat niets verloren.`)];
    return [sendText(result.reason === 'not-linked' ? 'Dit kanaal is niet gekoppeld als dispatchkanaal.' : 'Alleen coördinatoren van dit werkingsgebied kunnen het kanaal loskoppelen.')];
  }

  async overview(turn: ChannelTurn, weekly = false): Promise<Effect[]> {
    const region = await regionOfChannel(this.prisma, turn.channelId);
    if (!region) return [sendText(NOT_LINKED)];
    return [sendCard(overviewCard({ regionName: region.name, at: new Date(), weekly, ...(await regionOverview(this.prisma, region.id)) }))];
  }

  /** "capaciteit 3", "capaciteit vol tot 15/01/2027": a coordinator says how many places her organisation has. */
  async capacity(turn: ChannelTurn, argument: string): Promise<Effect[]> {
    const region = await regionOfChannel(this.prisma, turn.channelId);
    if (!region) return [sendText(NOT_LINKED)];
    const person = turn.aadObjectId ? await this.prisma.person.findUnique({ where: { aadObjectId: turn.aadObjectId }, select: { id: true } }) : null;
    if (!person) return [sendText('Alleen de coördinator van een NAFT-partner kan de capaciteit van zijn organisatie melden.')];
    if (argument.trim() === '') {
      const now = await regionCapacity(this.prisma, region.id);
      return [sendText(`${now ? `Plaatsen nu: ${now}.` : 'Nog geen enkele organisatie meldde haar plaatsen.'} Een coördinator typt bv. **capaciteit 3** of **capaciteit vol tot 15/01/2027**.`)];
    }
    const command = parseCapacity(argument, new Date());
    if ('error' in command) return [sendText(command.error)];
    const result = await setCapacity(this.prisma, { personId: person.id, command });
    if (!result.ok) return [sendText(result.message)];
    if (result.regionId !== region.id) return [sendText(`Genoteerd voor ${result.organisation}: ${result.text}. Die organisatie hoort bij een ander werkingsgebied; de kaarten daar tonen het.`)];
    return [sendText(`Genoteerd voor ${result.organisation}: ${result.text}. De kaarten van de open aanmeldingen en het overzicht tonen het.`)];
  }

  async status(turn: ChannelTurn): Promise<Effect[]> {
    const region = await regionOfChannel(this.prisma, turn.channelId);
    if (!region) return [sendText(NOT_LINKED)];
    return [sendCard(dispatchStatusCard({ regionName: region.name, ...(await outboxStatus(this.prisma, { scope: region.code })) }))];
  }

  /** "Opnieuw proberen" on the status card: a coordinator of this channel's region. */
  async retry(turn: ChannelTurn): Promise<Effect[]> {
    const region = await regionOfChannel(this.prisma, turn.channelId);
    if (!region) return [sendText(NOT_LINKED)];
    const coordinator = await coordinatorRegions(this.prisma, turn.aadObjectId);
    if (!coordinator?.regionIds.includes(region.id)) return [sendText('Alleen coördinatoren van dit werkingsgebied kunnen berichten opnieuw laten proberen.')];
    const n = await retryNow(this.prisma, { scope: region.code });
    if (n === 0) return [sendText('Er wacht niets op een nieuwe poging: alle berichten zijn verstuurd of onderweg.')];
    return [sendText(`${n === 1 ? 'Eén bericht wordt' : `${n} berichten worden`} nu opnieuw geprobeerd. Typ straks opnieuw **status dispatch** om te zien of ${n === 1 ? 'het' : 'ze'} aankwam${n === 1 ? '' : 'en'}.`)];
  }

  private async regionList(): Promise<string> {
    return (await regionNames(this.prisma)).map((r) => `**${r}**`).join(', ');
  }
}
