import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Counts attempts per client address *and* account (email or link token), so one person's typos do not lock out
 * a whole office behind one NAT address, while guessing one account's password stays slow.
 * Counters live in each API process's memory: behind N processes the limit is N times as loose.
 */
@Injectable()
export class PerAccountThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const body = (req.body ?? {}) as { email?: unknown; token?: unknown };
    const account = typeof body.email === 'string' ? body.email.toLowerCase() : typeof body.token === 'string' ? body.token.slice(0, 16) : '';
    return Promise.resolve(`${String(req.ip)}|${account}`);
  }
}
