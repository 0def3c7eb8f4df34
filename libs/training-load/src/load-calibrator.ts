import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Athlete } from '@app/roster';
import { fitSrpeFromTrimp, sessionLoad, SrpeCalibration, trimpToSrpe } from './calc';

const same = (a: SrpeCalibration | null, b: SrpeCalibration | null) =>
  a === b || (a !== null && b !== null && a.n === b.n && a.slope === b.slope && a.intercept === b.intercept);

/**
 * Keeps the athlete's sRPE-on-TRIMP fit current (SPEC §4: HR-only sessions join the sRPE series through it once
 * 10 sessions have both). When the fit changes, HR-only sessions are re-scored; returns the first day re-scored.
 */
@Injectable()
export class LoadCalibrator {
  async recalibrate(manager: EntityManager, athlete: Athlete): Promise<string | null> {
    return (await this.recalibrateMany(manager, [athlete])).get(athlete.id) ?? null;
  }

  /** recalibrate for many athletes: one query reads every athlete's pairs; returns the first day re-scored per athlete. */
  async recalibrateMany(manager: EntityManager, athletes: Athlete[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (athletes.length === 0) return out;
    const rows: { athlete_id: string; trimp: number[] | null; srpe: number[] | null }[] = await manager.query(
      `SELECT athlete_id, array_agg(trimp ORDER BY id) AS trimp,
              array_agg(rpe * (CASE WHEN moving_time_s > 0 THEN moving_time_s ELSE duration_s END) / 60.0 ORDER BY id) AS srpe
       FROM sessions WHERE athlete_id = ANY($1::uuid[]) AND NOT deleted AND rpe IS NOT NULL AND trimp IS NOT NULL GROUP BY athlete_id`,
      [athletes.map((a) => a.id)],
    );
    const pairsOf = new Map(rows.map((r) => [r.athlete_id, (r.trimp ?? []).map((t, i) => ({ trimp: Number(t), srpe: Number((r.srpe ?? [])[i]) }))]));
    for (const athlete of athletes) {
      const rescoredFrom = await this.refit(manager, athlete, pairsOf.get(athlete.id) ?? []);
      if (rescoredFrom !== null) out.set(athlete.id, rescoredFrom);
    }
    return out;
  }

  private async refit(manager: EntityManager, athlete: Athlete, pairs: { trimp: number; srpe: number }[]): Promise<string | null> {
    const fit = fitSrpeFromTrimp(pairs);
    if (same(fit, athlete.loadCalibration)) return null;
    await manager.query(`UPDATE athletes SET load_calibration = $2 WHERE id = $1`, [athlete.id, fit ? JSON.stringify(fit) : null]);
    athlete.loadCalibration = fit;
    const hrOnly: { id: string; local_date: string; duration_s: number; moving_time_s: number | null; trimp: number }[] =
      await manager.query(
        `SELECT id, local_date::text, duration_s, moving_time_s, trimp FROM sessions
         WHERE athlete_id = $1 AND NOT deleted AND rpe IS NULL AND trimp IS NOT NULL ORDER BY local_date`,
        [athlete.id],
      );
    if (hrOnly.length === 0) return null;
    // The stored TRIMP already came from the HR samples when the session had them, so map it directly.
    const rescored = hrOnly.map((s) =>
      fit
        ? { id: s.id, load: trimpToSrpe(Number(s.trimp), fit), method: 'trimp' }
        : { id: s.id, ...sessionLoad({ durationS: s.duration_s, movingTimeS: s.moving_time_s }, athlete, null) },
    );
    await manager.query(
      `UPDATE sessions SET load = r.load, load_method = r.method, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, load float8, method text) WHERE sessions.id = r.id`,
      [JSON.stringify(rescored)],
    );
    return hrOnly[0].local_date;
  }
}
