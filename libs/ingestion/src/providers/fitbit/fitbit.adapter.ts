import { DomainError, ErrorCode } from '@app/common';
import type { ProviderAdapter } from '../provider.types';

const notYet = () => new DomainError(ErrorCode.NotFound, 'fitbit webhooks are not available yet');

/** Placeholder until the fitbit adapter lands: every request is a 404, nothing is stored. */
export const fitbitAdapter: ProviderAdapter = {
  id: 'fitbit',
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
