/** Session rows → per-day session loads for the daily series, with how each load was obtained. */
import { sessionLoad, type AthleteLoadProfile, type DailySessionLoad, type SessionLoadMethod } from '../../../libs/training-load/src/calc';
import { isRecoverySession } from '../../../libs/training-load/src/recovery-session';
import type { SessionRow } from './input/session-parser';

export interface SessionLoads {
  /** Sorted by day, then load: the sums per day do not depend on the order of the rows in the file. */
  loads: DailySessionLoad[];
  methods: Record<SessionLoadMethod, number>;
  /** Estimated sessions that have an average HR (TRIMP would need the athlete's HR rest and max). */
  estimatedWithHr: number;
}

export function toSessionLoads(rows: readonly SessionRow[], athlete: AthleteLoadProfile): SessionLoads {
  const methods: Record<SessionLoadMethod, number> = { srpe: 0, trimp: 0, estimated: 0 };
  let estimatedWithHr = 0;
  const loads = rows.map((row): DailySessionLoad => {
    const { load, method } = sessionLoad(row, athlete);
    methods[method]++;
    if (method === 'estimated' && row.avgHr !== null) estimatedWithHr++;
    return { localDate: row.localDate, load, isRecovery: isRecoverySession(row) };
  });
  loads.sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : a.load - b.load));
  return { loads, methods, estimatedWithHr };
}

/** A note for stderr when some loads are not sRPE, or null. */
export function methodNote({ methods, estimatedWithHr }: Omit<SessionLoads, 'loads'>): string | null {
  const total = methods.srpe + methods.trimp + methods.estimated;
  if (methods.trimp === 0 && methods.estimated === 0) return null;
  const parts: string[] = [];
  if (methods.trimp > 0) parts.push(`${methods.trimp} loaded by TRIMP from avg_hr`);
  if (methods.estimated > 0) parts.push(`${methods.estimated} estimated as RPE 4 × minutes`);
  const hint = estimatedWithHr > 0 ? `; give --hr-rest and --hr-max to use the avg_hr of ${estimatedWithHr} of them` : '';
  return `sessions without an RPE: ${total - methods.srpe} of ${total} (${parts.join(', ')})${hint}`;
}
