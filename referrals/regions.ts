// Which werkingsgebied a school's town belongs to. Only a suggestion: the referrer can choose
// another region, and a town we do not know simply asks them to choose.

/** Towns (deelgemeenten included where schools are) per region code, lower case. */
const TOWNS_BY_REGION: Readonly<Record<string, readonly string[]>> = {
  GR: [
    'gent', 'gentbrugge', 'ledeberg', 'mariakerke', 'drongen', 'wondelgem', 'sint-amandsberg', 'oostakker', 'zwijnaarde',
    'merelbeke', 'merelbeke-melle', 'melle', 'destelbergen', 'heusden', 'lochristi', 'evergem', 'sleidinge', 'de pinte',
    'sint-martens-latem', 'lievegem', 'lovendegem', 'nazareth', 'zelzate', 'oosterzele', 'wachtebeke', 'moerbeke',
    'deinze', 'zulte', 'gavere',
  ],
};

export function suggestRegion(town: string, knownCodes: readonly string[]): string | undefined {
  const key = town.trim().toLowerCase().replace(/\s+/g, ' ');
  return knownCodes.find((code) => TOWNS_BY_REGION[code]?.includes(key));
}
