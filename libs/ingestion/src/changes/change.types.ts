import type { SelfReportInput } from '@app/training-load';
import type { ProviderChange } from '../providers/provider.types';

/** Everything an event can do to an athlete's data. Platform adapters produce the first four. */
export type DataChange = ProviderChange | { kind: 'self-report.upsert'; report: SelfReportInput };
