import { DomainError, ErrorCode } from '@app/common';
import type { ProviderAdapter } from '../provider.types';

const notYet = () => new DomainError(ErrorCode.NotFound, 'polar webhooks are not available yet');

/** Placeholder until the polar adapter lands: every request is a 404, nothing is stored. */
export const polarAdapter: ProviderAdapter = {
  id: 'polar',
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
