import { DomainError, ErrorCode } from '@app/common';
import type { ProviderAdapter } from '../provider.types';

const notYet = () => new DomainError(ErrorCode.NotFound, 'garmin webhooks are not available yet');

/** Placeholder until the garmin adapter lands: every request is a 404, nothing is stored. */
export const garminAdapter: ProviderAdapter = {
  id: 'garmin',
  defaultApiUrl: 'https://invalid.example',
  ackStatus: 200,
  handshake: () => {
    throw notYet();
  },
  verify: () => {
    throw notYet();
  },
  parseDelivery: () => [],
  process: () => Promise.resolve([]),
};
