/**
 * Whole-season scenarios: metric rows from the engine, every rule on every day, the lifecycle over the days.
 * Expected days are derived from the loads here, independently of the rules.
 */
import { addDays } from '../../../training-load/src/calc';
import { evaluateRecentDays, RULES } from '../rules';
import type { RuleResult } from '../rules';
import type { Season } from '../rules/testing/season';
import { bannedPhrasesIn } from '../rules/wording';
import { activeRows } from './alert-book';
import { acknowledge } from './human-actions';
import {
  backPainSeason,
  DEADLIFT_START,
  deadliftSeason,
  overreachingSeason,
  PAIN_START,
  SEASON_START,
  spikeWeekSeason,
  steadySeason,
} from './testing/scenarios';
import { simulate } from './testing/simulate';
import type { SimEvent, SimRun } from './testing/simulate';

const LOAD_RULES = ['load-spike', 'monotony', 'no-rest', 'week-over-week', 'form', 'session-spike', 'possible-nfor'];
const dayN = (n: number) => addDays(SEASON_START, n);
const opened = (run: SimRun, ruleId?: string) => run.events.filter((e) => e.action === 'open' && (ruleId === undefined || e.ruleId === ruleId));
const firstOf = (run: SimRun, ruleId: string, action: SimEvent['action']) => run.events.find((e) => e.ruleId === ruleId && e.action === action);

describe('season scenarios', () => {
  describe('(a) steady training for 12 weeks', () => {
    const season = steadySeason();
    const run = simulate(season);

    it('should raise no load alert at all (and no other alert)', () => {
      expect(opened(run).map((e) => `${e.date} ${e.ruleId}`)).toEqual([]);
    });

    it('should actually judge the load rules once warm-up and look-backs are over', () => {
      const last = season.dates[season.dates.length - 1];
      for (const id of ['load-spike', 'monotony', 'no-rest', 'week-over-week', 'form', 'recovery', 'back-pain-risk']) {
        expect({ id, result: run.results.get(id)?.get(last) }).toEqual({ id, result: { triggered: false } });
      }
      expect(run.results.get('load-spike')?.get(dayN(10))).toEqual({
        triggered: false,
        suppressed: { reason: 'ratios are undefined during the 28-day warm-up (11 of 28 days)' },
      });
    });
  });

  describe('(b) a sudden 40 % week with no rest day', () => {
    const season = spikeWeekSeason();
    const run = simulate(season);
    const loads = season.rows.map((r) => r.load);
    const sum = (from: number, to: number) => loads.slice(from, to + 1).reduce((a, b) => a + b, 0);
    const firstDay = (pred: (i: number) => boolean) => season.dates.find((_, i) => i >= 13 && pred(i));
    const expectedWow = firstDay((i) => sum(i - 6, i) / sum(i - 13, i - 7) - 1 > 0.3 + 1e-9);
    const expectedNoRest = firstDay((i) => loads.slice(i - 6, i + 1).every((l) => l > 0));

    it('should derive the expected days from the loads: the 7th day of the heavy week for both', () => {
      expect(expectedWow).toBe(dayN(48));
      expect(expectedNoRest).toBe(dayN(48));
    });

    it('should open a week-over-week (or load-spike) alert on the day the 7-day load passes +30 %', () => {
      const spike = run.events.find((e) => (e.ruleId === 'week-over-week' || e.ruleId === 'load-spike') && e.action === 'open');
      expect(spike).toMatchObject({ date: expectedWow, notify: true, severity: 'warning' });
      expect(spike?.title).toContain('+40.0%');
    });

    it('should open a no-rest alert on the 7th training day in a row', () => {
      expect(firstOf(run, 'no-rest', 'open')).toMatchObject({ date: expectedNoRest, notify: true, severity: 'warning' });
    });

    it('should raise no load alert before the heavy week', () => {
      expect(opened(run).filter((e) => LOAD_RULES.includes(e.ruleId) && e.date < dayN(42))).toEqual([]);
    });

    it('should resolve both once the routine is back for 3 days', () => {
      const wowResolved = firstOf(run, 'week-over-week', 'resolve');
      const restResolved = firstOf(run, 'no-rest', 'resolve');
      expect(wowResolved).toMatchObject({ date: dayN(52), notify: false });
      expect(restResolved).toMatchObject({ date: dayN(53), notify: false });
      expect(activeRows(run.book).filter((r) => ['week-over-week', 'no-rest'].includes(r.ruleId))).toEqual([]);
    });
  });

  describe('(c) deadlifts three days running after a calm month, with LBP history', () => {
    const run = simulate(deadliftSeason());
    const risk = run.events.filter((e) => e.ruleId === 'back-pain-risk' && e.action !== 'none');
    const contributing = (n: number) => {
      const row = run.results.get('back-pain-risk')?.get(dayN(n));
      return row?.triggered ? row.contributingRules : undefined;
    };

    it('should raise no back-pain alert before the deadlifts (LBP history alone is not an alert)', () => {
      expect(opened(run).filter((e) => e.date < dayN(DEADLIFT_START))).toEqual([]);
    });

    it('should show an elevated score on the first day, naming the spinal-volume jump', () => {
      expect(risk[0]).toMatchObject({ date: dayN(DEADLIFT_START), action: 'open', severity: 'warning', notify: true, title: 'Elevated back-load risk for Mara Lindqvist: score 5' });
      expect(contributing(DEADLIFT_START)).toEqual(['lbp-history', 'spinal-volume']);
    });

    it('should escalate to high on the third day, naming the close spacing and the max attempt', () => {
      const escalation = risk.find((e) => e.action === 'escalate');
      expect(escalation).toMatchObject({ date: dayN(DEADLIFT_START + 2), severity: 'high', notify: true, title: 'High back-load risk for Mara Lindqvist: score 7' });
      expect(contributing(DEADLIFT_START + 2)).toEqual(['lbp-history', 'spinal-volume', 'spinal-spacing', 'max-attempt']);
      expect(escalation?.message).toContain('3 spinal-loading sessions less than 48 h apart');
    });

    it('should notify only on opening and escalation', () => {
      expect(risk.filter((e) => e.notify).map((e) => e.action)).toEqual(['open', 'escalate']);
    });

    it('should not escalate a second time when a coach acknowledged it after opening (severity rise still notifies)', () => {
      const acked = simulate(deadliftSeason(), {
        actions: [{ at: `${dayN(DEADLIFT_START)}T21:00:00Z`, ruleId: 'back-pain-risk', apply: (a, now) => acknowledge(a, 'coach@team.test', 'seen', now) }],
      });
      const events = acked.events.filter((e) => e.ruleId === 'back-pain-risk' && e.action !== 'none' && e.date <= dayN(DEADLIFT_START + 2));
      expect(events.map((e) => [e.date, e.action, e.notify])).toEqual([
        [dayN(DEADLIFT_START), 'open', true],
        [dayN(DEADLIFT_START + 1), 'update', false],
        [dayN(DEADLIFT_START + 2), 'escalate', true],
      ]);
    });
  });

  describe('(d) back pain 5/10 on three consecutive days with a calm load', () => {
    const run = simulate(backPainSeason());

    it('should open the referral on day 3, not before', () => {
      const referral = opened(run, 'back-pain-referral');
      expect(referral).toHaveLength(1);
      expect(referral[0]).toMatchObject({ date: dayN(PAIN_START + 2), severity: 'high', notify: true });
      expect(referral[0].message).toContain(`5/10 on ${dayN(PAIN_START)}, 5/10 on ${dayN(PAIN_START + 1)} and 5/10 on ${dayN(PAIN_START + 2)}`);
      expect(referral[0].message).toContain('physical therapist or doctor');
      expect(run.results.get('back-pain-referral')?.get(dayN(PAIN_START + 1))).toEqual({ triggered: false });
    });

    it('should show the pain in the back-load score from the first day, without a load alert', () => {
      expect(firstOf(run, 'back-pain-risk', 'open')).toMatchObject({ date: dayN(PAIN_START), severity: 'warning' });
      expect(opened(run).filter((e) => LOAD_RULES.includes(e.ruleId))).toEqual([]);
    });
  });

  describe('(e) the same scenario replayed through the lifecycle', () => {
    it('should not duplicate alerts when every day is evaluated twice', () => {
      for (const build of [spikeWeekSeason, deadliftSeason, backPainSeason]) {
        const once = simulate(build());
        const twice = simulate(build(), { hours: [8, 20] });
        const again = simulate(build(), { hours: [20, 20] });
        expect(opened(twice).map((e) => `${e.date} ${e.ruleId}`)).toEqual(opened(once).map((e) => `${e.date} ${e.ruleId}`));
        expect(again.book.rows.length).toBe(once.book.rows.length);
        const second = again.events.filter((_, i) => Math.floor(i / RULES.length) % 2 === 1);
        expect(second.filter((e) => e.action !== 'none' || e.notify)).toEqual([]);
        for (const id of RULES.map((r) => r.id)) expect(activeRows(twice.book, id).length).toBeLessThanOrEqual(1);
      }
    });

    it('should produce the same events when the whole season is run again', () => {
      expect(simulate(spikeWeekSeason()).events).toEqual(simulate(spikeWeekSeason()).events);
    });

    it('should judge the earlier days the same from today’s windowed input as from their own', () => {
      const season: Season = deadliftSeason();
      const run = simulate(season);
      for (const n of [DEADLIFT_START, DEADLIFT_START + 4, 60]) {
        for (const rule of RULES) {
          const recent = evaluateRecentDays(rule, season.inputFor(dayN(n)));
          expect(recent.map((r) => r.result)).toEqual(recent.map((r) => run.results.get(rule.id)?.get(r.date)));
        }
      }
    });
  });

  describe('(f) conditions clear', () => {
    it('should resolve the referral after 3 clear days, quietly', () => {
      const run = simulate(backPainSeason());
      expect(firstOf(run, 'back-pain-referral', 'resolve')).toMatchObject({ date: dayN(PAIN_START + 5), notify: false });
      expect(activeRows(run.book, 'back-pain-referral')).toEqual([]);
    });
  });

  describe('acknowledged alerts', () => {
    const ackNoRest = (at: string) =>
      simulate(spikeWeekSeason(), { actions: [{ at, ruleId: 'no-rest', apply: (a, now) => acknowledge(a, 'coach@team.test', 'planned block', now) }] });

    it('should not notify again within 24 h of an acknowledgement, then re-alert once if it still fires', () => {
      const run = ackNoRest(`${dayN(48)}T21:00:00Z`);
      const events = run.events.filter((e) => e.ruleId === 'no-rest' && e.action !== 'none');
      expect(events.map((e) => [e.date, e.action, e.notify])).toEqual([
        [dayN(48), 'open', true],
        [dayN(49), 'update', false],
        [dayN(50), 'reopen', true],
        [dayN(53), 'resolve', false],
      ]);
    });
  });

  describe('(g) possible non-functional overreaching', () => {
    it('should combine the load rule and two recovery signals into one high alert that says "possible"', () => {
      const run = simulate(overreachingSeason());
      const nfor = opened(run, 'possible-nfor');
      expect(nfor).toHaveLength(1);
      expect(nfor[0]).toMatchObject({ severity: 'high', notify: true, title: 'Possible non-functional overreaching for Mara Lindqvist' });
      const result = run.results.get('possible-nfor')?.get(nfor[0].date);
      expect(result?.triggered && result.contributingRules).toEqual(['monotony', 'resting-hr-elevated', 'sleep-deficit']);
    });
  });

  describe('wording', () => {
    const all = [steadySeason, spikeWeekSeason, deadliftSeason, backPainSeason, overreachingSeason].flatMap((build) => {
      const run = simulate(build());
      return [...run.results.values()].flatMap((byDate) => [...byDate.values()]).filter((r): r is Extract<RuleResult, { triggered: true }> => r.triggered);
    });

    it('should have produced alerts from most rules to scan', () => {
      expect(new Set(all.map((r) => r.title.split(' for ')[0])).size).toBeGreaterThanOrEqual(7);
      expect(all.length).toBeGreaterThan(50);
    });

    it('should never diagnose, state a condition as fact or give a probability', () => {
      const offending = all.flatMap((r) => [...bannedPhrasesIn(r.title), ...bannedPhrasesIn(r.message)].map((p) => `${r.title}: ${p}`));
      expect([...new Set(offending)]).toEqual([]);
    });

    it('should name the athlete, a triggering date and the risk in every alert', () => {
      for (const r of all) {
        expect(r.title).toContain('Mara Lindqvist');
        expect(r.message).toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(r.message).toMatch(/risk|possible/i);
        expect(r.message).toMatch(/not a diagnosis|not a probability/);
      }
    });
  });
});
