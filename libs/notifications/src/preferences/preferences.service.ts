import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { DomainError, ErrorCode, returnedRows } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  DEFAULT_PREFERENCE,
  DELIVERY_MODES,
  DeliveryDecision,
  DeliveryPreference,
  PREFERENCE_KINDS,
  PreferenceKind,
  SEVERITIES,
  Severity,
  decideDelivery,
  isHhMm,
  isValidTimeZone,
} from './delivery-policy';
import { NotificationPreference } from './notification-preference.entity';
import { listUnsubscribeHeaders, unsubscribeUrl, UnsubscribeTokens } from './unsubscribe-tokens';

export type PreferenceChanges = Partial<DeliveryPreference>;

export interface PreferenceView extends DeliveryPreference {
  kind: PreferenceKind;
  /** False when nothing is stored and these are the defaults. */
  stored: boolean;
  updatedAt: string | null;
}

export interface PreferencesView {
  email: string;
  preferences: PreferenceView[];
}

export interface UnsubscribeResult {
  email: string;
  kind: PreferenceKind;
  status: 'unsubscribed' | 'already-unsubscribed';
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const normalised = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!EMAIL.test(normalised) || normalised.length > 320) throw new DomainError(ErrorCode.ValidationFailed, 'email is not an email address', [{ field: 'email', problems: ['must be an email address'] }]);
  return normalised;
}

function view(kind: PreferenceKind, row: NotificationPreference | undefined): PreferenceView {
  const p = row ?? DEFAULT_PREFERENCE;
  return {
    kind,
    mode: p.mode,
    minSeverity: p.minSeverity,
    quietStart: p.quietStart,
    quietEnd: p.quietEnd,
    timezone: p.timezone,
    stored: row !== undefined,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

/** Per-recipient email preferences, one-click unsubscribe, and the delivery plan for one email. */
@Injectable()
export class PreferencesService {
  constructor(
    @InjectRepository(NotificationPreference) private readonly repo: Repository<NotificationPreference>,
    private readonly tokens: UnsubscribeTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every kind, stored or default. */
  async get(email: string): Promise<PreferencesView> {
    const address = normaliseEmail(email);
    const rows = await this.repo.findBy({ email: address });
    return { email: address, preferences: PREFERENCE_KINDS.map((kind) => view(kind, rows.find((r) => r.kind === kind))) };
  }

  /** Merges `changes` into the stored (or default) preference; anything invalid → 422 and nothing is written. */
  async set(email: string, kind: PreferenceKind, changes: PreferenceChanges): Promise<PreferenceView> {
    const address = normaliseEmail(email);
    const problems: { field: string; problems: string[] }[] = [];
    if (!(PREFERENCE_KINDS as readonly string[]).includes(kind)) problems.push({ field: 'kind', problems: [`must be one of ${PREFERENCE_KINDS.join(', ')}`] });
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, 'Preference is not valid', problems);
    const current = (await this.repo.findOneBy({ email: address, kind })) ?? undefined;
    const next: DeliveryPreference = { ...view(kind, current) };
    for (const key of ['mode', 'minSeverity', 'quietStart', 'quietEnd', 'timezone'] as const) {
      if (changes[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = changes[key];
    }
    if (!(DELIVERY_MODES as readonly unknown[]).includes(next.mode)) problems.push({ field: 'mode', problems: [`must be one of ${DELIVERY_MODES.join(', ')}`] });
    if (!(SEVERITIES as readonly unknown[]).includes(next.minSeverity)) problems.push({ field: 'minSeverity', problems: [`must be one of ${SEVERITIES.join(', ')}`] });
    if (typeof next.timezone !== 'string' || !isValidTimeZone(next.timezone)) problems.push({ field: 'timezone', problems: ['must be an IANA time zone, e.g. Europe/Berlin'] });
    for (const key of ['quietStart', 'quietEnd'] as const) {
      const value = next[key];
      if (value !== null && (typeof value !== 'string' || !isHhMm(value))) problems.push({ field: key, problems: ['must be HH:MM (00:00–23:59) or null'] });
    }
    if ((next.quietStart === null) !== (next.quietEnd === null)) problems.push({ field: 'quietStart', problems: ['quietStart and quietEnd are set together (or both null)'] });
    else if (next.quietStart !== null && next.quietStart === next.quietEnd) problems.push({ field: 'quietEnd', problems: ['quiet hours must not start and end at the same time'] });
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, 'Preference is not valid', problems);

    const [row] = returnedRows<NotificationPreference>(
      await this.repo.query(
        `INSERT INTO notification_preferences (email, kind, mode, min_severity, quiet_start, quiet_end, timezone) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (email, kind) DO UPDATE SET mode = EXCLUDED.mode, min_severity = EXCLUDED.min_severity, quiet_start = EXCLUDED.quiet_start,
           quiet_end = EXCLUDED.quiet_end, timezone = EXCLUDED.timezone, updated_at = now()
         RETURNING mode, min_severity AS "minSeverity", quiet_start AS "quietStart", quiet_end AS "quietEnd", timezone, updated_at AS "updatedAt"`,
        [address, kind, next.mode, next.minSeverity, next.quietStart, next.quietEnd, next.timezone],
      ),
    );
    return view(kind, row);
  }

  /**
   * One-click unsubscribe: that kind becomes `off` for the address in the token. Idempotent: a second use changes
   * nothing and reports `already-unsubscribed`. A bad token throws before anything is written.
   */
  async unsubscribe(token: string): Promise<UnsubscribeResult> {
    const { email, kind } = this.tokens.verify(token);
    const changed = returnedRows<{ id: string }>(
      await this.repo.query(
        `INSERT INTO notification_preferences (email, kind, mode) VALUES ($1, $2, 'off')
         ON CONFLICT (email, kind) DO UPDATE SET mode = 'off', updated_at = now() WHERE notification_preferences.mode <> 'off'
         RETURNING id`,
        [email, kind],
      ),
    );
    return { email, kind, status: changed.length > 0 ? 'unsubscribed' : 'already-unsubscribed' };
  }

  /** Reads the recipient's preference for the alert's kind (defaults when none) and applies the pure policy. */
  async plan(recipientEmail: string, alert: { kind: PreferenceKind; severity: Severity }, now: Date): Promise<DeliveryDecision> {
    return (await this.planAll([recipientEmail], alert, now)).get(recipientEmail.trim().toLowerCase()) as DeliveryDecision;
  }

  /** `plan` for many recipients in one query; keyed by the lower-cased address. */
  async planAll(recipientEmails: string[], alert: { kind: PreferenceKind; severity: Severity }, now: Date): Promise<Map<string, DeliveryDecision>> {
    const addresses = [...new Set(recipientEmails.map((e) => e.trim().toLowerCase()))];
    const rows = addresses.length ? await this.repo.findBy({ email: In(addresses), kind: alert.kind }) : [];
    return new Map(addresses.map((a) => [a, decideDelivery(rows.find((r) => r.email === a) ?? DEFAULT_PREFERENCE, alert, now)]));
  }

  /** The RFC 8058 headers for an email of `kind` to `email` (put them on the outgoing message). */
  unsubscribeHeaders(email: string, kind: PreferenceKind): Record<string, string> {
    return listUnsubscribeHeaders(this.unsubscribeLink(email, kind));
  }

  /** The signed one-click link for an email's footer. */
  unsubscribeLink(email: string, kind: PreferenceKind): string {
    return unsubscribeUrl(this.config.publicUrl, this.tokens.sign({ email, kind }));
  }

  /** Reads a token without acting on it (the confirmation page). */
  inspect(token: string): { email: string; kind: PreferenceKind } {
    return this.tokens.verify(token);
  }
}
