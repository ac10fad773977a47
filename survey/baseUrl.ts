// Where survey links point: the configured public address, or in local mode the service's own
// address (so a QR code scanned on this machine opens). One helper for the pages and the card.
import type { Config } from '../config/env.ts';

export function surveyBaseUrl(config: Pick<Config, 'publicBaseUrl'>, serviceUrl: string): string {
  return (config.publicBaseUrl ?? serviceUrl).replace(/\/+$/, '');
}
