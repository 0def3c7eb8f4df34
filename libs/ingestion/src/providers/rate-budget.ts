import { RateLimitedError } from './provider-api';

/**
 * What a platform told us about its request budget (Strava: X-RateLimit-Limit "200,2000" and X-RateLimit-Usage
 * "150,1500" for the 15-minute and daily windows). Every response reports the app-wide usage, so each worker
 * learns it from its own calls; before a call we stop when a window is spent, until that window resets.
 */
export class RateBudget {
  private blockedUntil = 0;

  constructor(private readonly provider: string) {}

  assertAvailable(now: number): void {
    if (now < this.blockedUntil) throw new RateLimitedError(this.provider, this.blockedUntil - now);
  }

  /** Called with every response's headers. */
  observe(headers: { get(name: string): string | null }, now: number): void {
    const limits = parsePair(headers.get('x-ratelimit-limit'));
    const usage = parsePair(headers.get('x-ratelimit-usage'));
    if (!limits || !usage) return;
    if (usage[1] >= limits[1]) this.blockedUntil = Math.max(this.blockedUntil, nextUtcMidnight(now));
    else if (usage[0] >= limits[0]) this.blockedUntil = Math.max(this.blockedUntil, nextQuarterHour(now));
  }

  /** After a 429: nothing goes out before the platform said. */
  blockFor(ms: number, now: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, now + ms);
  }
}

function parsePair(value: string | null): [number, number] | null {
  if (!value) return null;
  const [a, b] = value.split(',').map((v) => Number(v.trim()));
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null;
}

// Strava's short window resets at 0, 15, 30 and 45 minutes past the hour; the daily one at midnight UTC.
function nextQuarterHour(now: number): number {
  const quarter = 15 * 60 * 1000;
  return Math.floor(now / quarter) * quarter + quarter;
}

function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
