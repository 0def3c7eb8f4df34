/** Property tests (fast-check) of the lifecycle under random results, re-evaluations and human actions. */
import fc from 'fast-check';
import { addDays } from '../../../training-load/src/calc';
import type { DatedResult, RuleResult } from '../rules';
import { SEVERITY_RANK } from '../rules/rule.types';
import { activeRows, applyDecision, currentAlert, EMPTY_BOOK } from './alert-book';
import type { AlertBook } from './alert-book';
import { acknowledge, resolve, snooze } from './human-actions';
import { nextAlertState } from './next-alert-state';
import { CLEAR, fired, SUPPRESSED } from './testing/results';

const RULE_IDS = ['a', 'b'] as const;
const START = '2026-03-01';

const resultArb: fc.Arbitrary<RuleResult> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(CLEAR) },
  { weight: 1, arbitrary: fc.constant(SUPPRESSED) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('info' as const, 'warning' as const, 'high' as const), fc.integer({ min: 0, max: 3 })).map(([s, v]) => fired(s, v)) },
);

type Human = { kind: 'ack' | 'resolve' | 'snooze'; rule: number; snoozeHours: number };
const humanArb: fc.Arbitrary<Human> = fc.record({
  kind: fc.constantFrom('ack' as const, 'resolve' as const, 'snooze' as const),
  rule: fc.integer({ min: 0, max: RULE_IDS.length - 1 }),
  snoozeHours: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 96 })),
});

/** One evaluation: an hour of the day, each rule's (possibly re-computed) result for today, and maybe a human action before it. */
const evaluationArb = fc.record({
  hour: fc.integer({ min: 0, max: 23 }),
  results: fc.array(resultArb, { minLength: RULE_IDS.length, maxLength: RULE_IDS.length }),
  human: fc.option(humanArb, { nil: undefined, freq: 2 }),
});
const dayArb = fc.array(evaluationArb, { minLength: 1, maxLength: 4 });

interface Notification {
  rule: string;
  day: string;
  action: string;
  rank: number;
}

function run(days: { hour: number; results: RuleResult[]; human?: Human }[][]): { book: AlertBook; notifications: Notification[] } {
  let book = EMPTY_BOOK;
  const notifications: Notification[] = [];
  const history = new Map<string, Map<string, RuleResult>>(RULE_IDS.map((id) => [id, new Map()]));
  days.forEach((evaluations, d) => {
    const day = addDays(START, d);
    for (const e of [...evaluations].sort((x, y) => x.hour - y.hour)) {
      const now = new Date(`${day}T${String(e.hour).padStart(2, '0')}:00:00Z`);
      if (e.human) {
        const id = RULE_IDS[e.human.rule];
        const row = currentAlert(book, id);
        if (row) {
          const before = new Date(now.getTime() - 60_000);
          try {
            const next =
              e.human.kind === 'ack'
                ? acknowledge(row.alert, 'coach', undefined, before)
                : e.human.kind === 'resolve'
                  ? resolve(row.alert, 'coach', undefined, before)
                  : snooze(row.alert, 'coach', undefined, new Date(before.getTime() + e.human.snoozeHours * 3_600_000), before);
            book = applyDecision(book, id, { action: 'update', alert: next });
          } catch (err) {
            if (!(err instanceof RangeError)) throw err; // an invalid transition is refused, never half-applied
          }
        }
      }
      RULE_IDS.forEach((id, k) => {
        const byDate = history.get(id) as Map<string, RuleResult>;
        byDate.set(day, e.results[k]);
        const recent: DatedResult[] = [-2, -1, 0]
          .map((off) => addDays(day, off))
          .filter((date) => byDate.has(date))
          .map((date) => ({ date, result: byDate.get(date) as RuleResult }));
        const decision = nextAlertState(currentAlert(book, id)?.alert ?? null, recent, now, day);
        if (decision.action === 'open' && activeRows(book, id).length > 0) throw new Error(`open while ${id} has an active alert`);
        book = applyDecision(book, id, decision); // throws if two alerts of one rule would be active
        if (decision.notify) notifications.push({ rule: id, day, action: decision.action, rank: SEVERITY_RANK[decision.alert?.severity ?? 'info'] });
      });
    }
  });
  return { book, notifications };
}

describe('lifecycle properties', () => {
  it('should never hold two active alerts for one rule', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 30 }), (days) => {
        const { book } = run(days);
        for (const id of RULE_IDS) expect(activeRows(book, id).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('should never notify twice for one rule on one day without a rise in severity', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 30 }), (days) => {
        const { notifications } = run(days);
        const highest = new Map<string, number>();
        for (const n of notifications) {
          const key = `${n.rule} ${n.day}`;
          const before = highest.get(key);
          if (before !== undefined && !(n.action === 'escalate' || n.rank > before)) {
            throw new Error(`second notification for ${key} (${n.action}) without escalation`);
          }
          highest.set(key, Math.max(before ?? -1, n.rank));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('should be idempotent: evaluating the same day twice with the same results changes nothing the second time', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 23 }), (days, hour) => {
        const { book } = run(days);
        const day = addDays(START, days.length - 1);
        const now = new Date(`${day}T${String(hour).padStart(2, '0')}:30:00Z`);
        for (const id of RULE_IDS) {
          const current = currentAlert(book, id)?.alert ?? null;
          const results = [{ date: day, result: fired('warning', 1) }];
          const first = nextAlertState(current, results, now, day);
          const after = first.alert ?? current;
          const second = nextAlertState(after, results, now, day);
          expect(second.notify).toBe(false);
          expect(second.action).toBe('none');
        }
      }),
      { numRuns: 200 },
    );
  });
});
