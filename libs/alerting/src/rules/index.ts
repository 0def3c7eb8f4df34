export * from './load-spike.rule';
export * from './rule.types';

import { loadSpikeRule } from './load-spike.rule';
import type { AlertRule } from './rule.types';

/** Every rule the evaluator runs, in order. */
export const RULES: readonly AlertRule[] = [loadSpikeRule];
