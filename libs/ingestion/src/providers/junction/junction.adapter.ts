import { DomainError, ErrorCode } from '@app/common';
import type { ProviderAdapter } from '../provider.types';

const notYet = () => new DomainError(ErrorCode.NotFound, 'junction webhooks are not available yet');

/** Placeholder until the junction adapter lands: every request is a 404, nothing is stored. */
export const junctionAdapter: ProviderAdapter = {
  id: 'junction',
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
