/** Session rows → per-day session loads for the daily series, with how each load was obtained. */
import {
  calibrationPair,
  fitSrpeFromTrimp,
  sessionLoad,
  type AthleteLoadProfile,
  type DailySessionLoad,
  type SessionLoadMethod,
  type SrpeTrimpPair,
} from '../../../libs/training-load/src/calc';
import { isRecoverySession } from '../../../libs/training-load/src/recovery-session';
import type { SessionRow } from './input/session-parser';

export interface SessionLoads {
  /** Sorted by day, then load: the sums per day do not depend on the order of the rows in the file. */
  loads: DailySessionLoad[];
  methods: Record<SessionLoadMethod, number>;
  /** Estimated sessions that have an average HR (TRIMP would need the athlete's HR rest and max). */
  estimatedWithHr: number;
}

/**
 * The SPEC §4 chain, as the worker runs it: sRPE; else TRIMP mapped onto the athlete's sRPE scale by a fit over
 * the file's sessions that have both (once there are 10); else estimated.
 */
export function toSessionLoads(rows: readonly SessionRow[], athlete: AthleteLoadProfile): SessionLoads {
  const methods: Record<SessionLoadMethod, number> = { srpe: 0, trimp: 0, estimated: 0 };
  let estimatedWithHr = 0;
  const fit = fitSrpeFromTrimp(rows.map((row) => calibrationPair(row, athlete)).filter((p): p is SrpeTrimpPair => p !== null));
  const loads = rows.map((row): DailySessionLoad => {
    const { load, method } = sessionLoad(row, athlete, fit);
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
  if (methods.trimp > 0) parts.push(`${methods.trimp} loaded by TRIMP from avg_hr, on the RPE scale of the rated sessions`);
  if (methods.estimated > 0) parts.push(`${methods.estimated} estimated as RPE 4 × minutes`);
  const hint =
    estimatedWithHr > 0
      ? `; the avg_hr of ${estimatedWithHr} of them is used once --hr-rest/--hr-max are given and 10 sessions have both RPE and avg_hr`
      : '';
  return `sessions without an RPE: ${total - methods.srpe} of ${total} (${parts.join(', ')})${hint}`;
}
