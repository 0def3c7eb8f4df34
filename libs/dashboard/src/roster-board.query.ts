import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@app/accounts';
import { Clock } from '@app/common';
import { AcwrBand, acwrBand, Attention, attentionOf, BackPainTier, backPainTier, byAttention, Severity } from './attention';

export const SPARKLINE_DAYS = 28;

export interface RosterAlert {
  id: string;
  kind: string;
  ruleId: string;
  severity: Severity;
  status: string;
  title: string;
}

export interface RosterRow {
  athleteId: string;
  name: string;
  teamId: string;
  teamName: string;
  /** False: a team athlete who has not shared with this coach; every number below is then null. */
  shared: boolean;
  hasLogin: boolean;
  /** The day the numbers are from: today in the athlete's zone, or the last day computed. */
  date: string | null;
  acwr: number | null;
  acwrBand: AcwrBand;
  acuteLoad: number | null;
  chronicLoad: number | null;
  monotony: number | null;
  restDayRatio7: number | null;
  restDayRatio28: number | null;
  form: number | null;
  backPainTier: BackPainTier;
  openAlerts: RosterAlert[];
  lastSyncAt: string | null;
  /** Daily load (AU, one decimal) of the last 28 days up to `date`, oldest first. */
  sparkline: (number | null)[];
  attention: Attention;
}

export interface RosterFilter {
  teamId?: string;
  /** Only athletes with an open alert of this kind ('overtraining' | 'back-pain'), or of any kind ('any'). */
  alertKind?: 'overtraining' | 'back-pain' | 'any';
}

interface RawRow {
  athlete_id: string;
  name: string;
  team_id: string;
  team_name: string;
  shared: boolean;
  has_login: boolean;
  date: string | null;
  acwr_ewma: number | null;
  ewma_acute: number | null;
  ewma_chronic: number | null;
  monotony: number | null;
  rest_day_ratio7: number | null;
  rest_day_ratio28: number | null;
  form: number | null;
  last_sync_at: Date | null;
  sparkline: (number | null)[] | null;
}

const DAY_MS = 86_400_000;

/** The coach's one screen: every athlete the caller may list, with today's numbers, sorted by attention. */
@Injectable()
export class RosterBoardQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async forActor(actor: Actor, filter: RosterFilter = {}): Promise<RosterRow[]> {
    // Admins see every team (or the one asked for); coaches their own team; athletes have no roster.
    if (actor.role === 'athlete') return [];
    const teamId = actor.role === 'admin' ? (filter.teamId ?? null) : actor.teamId;
    if (actor.role === 'coach' && filter.teamId && filter.teamId !== actor.teamId) return [];
    const now = this.clock.now();
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT a.id AS athlete_id, a.name, a.team_id, t.name AS team_name,
              ($1::boolean OR EXISTS (SELECT 1 FROM coach_consents c WHERE c.athlete_id = a.id AND c.coach_id = $2 AND c.revoked_at IS NULL)) AS shared,
              EXISTS (SELECT 1 FROM users u WHERE u.athlete_id = a.id) AS has_login,
              m.date::text AS date, m.acwr_ewma, m.ewma_acute, m.ewma_chronic, m.monotony, m.rest_day_ratio7, m.rest_day_ratio28, m.form,
              GREATEST(
                (SELECT max(pc.last_sync_at) FROM provider_connections pc WHERE pc.athlete_id = a.id),
                (SELECT s.updated_at FROM sessions s WHERE s.athlete_id = a.id ORDER BY s.local_date DESC LIMIT 1)
              ) AS last_sync_at,
              spark.loads AS sparkline
       FROM athletes a
       JOIN teams t ON t.id = a.team_id
       LEFT JOIN LATERAL (
         SELECT * FROM daily_metrics dm WHERE dm.athlete_id = a.id AND dm.date <= ($3::timestamptz AT TIME ZONE a.timezone)::date
         ORDER BY dm.date DESC LIMIT 1
       ) m ON true
       LEFT JOIN LATERAL (
         SELECT array_agg(round(d.load::numeric, 1)::float8 ORDER BY d.date) AS loads FROM daily_metrics d
         WHERE d.athlete_id = a.id AND d.date > m.date - ${SPARKLINE_DAYS} AND d.date <= m.date
       ) spark ON true
       WHERE ($4::uuid IS NULL OR a.team_id = $4)
       ORDER BY a.name`,
      [actor.role === 'admin', actor.userId ?? '00000000-0000-0000-0000-000000000000', now, teamId],
    );
    const alerts = await this.openAlerts(rows.filter((r) => r.shared).map((r) => r.athlete_id));
    const result = rows.map((r) => this.toRow(r, alerts.get(r.athlete_id) ?? [], now));
    const kept = filter.alertKind ? result.filter((r) => r.openAlerts.some((a) => filter.alertKind === 'any' || a.kind === filter.alertKind)) : result;
    return byAttention(kept);
  }

  private async openAlerts(athleteIds: string[]): Promise<Map<string, RosterAlert[]>> {
    const byAthlete = new Map<string, RosterAlert[]>();
    if (athleteIds.length === 0) return byAthlete;
    const rows: (RosterAlert & { athleteId: string })[] = await this.dataSource.query(
      `SELECT id, athlete_id AS "athleteId", kind, rule_id AS "ruleId", severity, status, title FROM alerts
       WHERE athlete_id = ANY($1::uuid[]) AND status <> 'resolved' ORDER BY updated_at DESC`,
      [athleteIds],
    );
    for (const { athleteId, ...alert } of rows) byAthlete.set(athleteId, [...(byAthlete.get(athleteId) ?? []), alert]);
    return byAthlete;
  }

  private toRow(r: RawRow, openAlerts: RosterAlert[], now: Date): RosterRow {
    const shared = r.shared;
    const lastSync = shared && r.last_sync_at ? new Date(r.last_sync_at) : null;
    const tier = backPainTier(openAlerts);
    const acwr = shared ? r.acwr_ewma : null;
    return {
      athleteId: r.athlete_id,
      name: r.name,
      teamId: r.team_id,
      teamName: r.team_name,
      shared,
      hasLogin: r.has_login,
      date: shared ? r.date : null,
      acwr,
      acwrBand: acwrBand(acwr),
      acuteLoad: shared ? r.ewma_acute : null,
      chronicLoad: shared ? r.ewma_chronic : null,
      monotony: shared ? r.monotony : null,
      restDayRatio7: shared ? r.rest_day_ratio7 : null,
      restDayRatio28: shared ? r.rest_day_ratio28 : null,
      form: shared ? r.form : null,
      backPainTier: tier,
      openAlerts,
      lastSyncAt: lastSync ? lastSync.toISOString() : null,
      sparkline: shared ? (r.sparkline ?? []) : [],
      attention: attentionOf({
        name: r.name,
        shared,
        openAlertSeverities: openAlerts.filter((a) => a.status === 'open').map((a) => a.severity),
        acwr,
        backPainTier: tier,
        daysSinceData: lastSync ? Math.floor((now.getTime() - lastSync.getTime()) / DAY_MS) : null,
      }),
    };
  }
}
