import { DEFAULT_PREFERENCE, DeliveryPreference, decideDelivery } from './delivery-policy';

const pref = (p: Partial<DeliveryPreference> = {}): DeliveryPreference => ({ ...DEFAULT_PREFERENCE, ...p });
const at = (iso: string) => new Date(iso);
const berlinNights = pref({ quietStart: '22:00', quietEnd: '07:00', timezone: 'Europe/Berlin' });

describe('decideDelivery', () => {
  it.each([
    ['defaults send at once', pref(), 'info', 'send-now'],
    ['off drops even high', pref({ mode: 'off' }), 'high', 'drop'],
    ['below the minimum is dropped', pref({ minSeverity: 'warning' }), 'info', 'drop'],
    ['at the minimum is sent', pref({ minSeverity: 'warning' }), 'warning', 'send-now'],
    ['above the minimum is sent', pref({ minSeverity: 'warning' }), 'high', 'send-now'],
    ['digest mode collects', pref({ mode: 'digest' }), 'high', 'digest'],
    ['digest mode keeps what is below the minimum for the digest', pref({ mode: 'digest', minSeverity: 'high' }), 'info', 'digest'],
  ] as const)('%s', (_name, p, severity, action) => {
    expect(decideDelivery(p, { kind: 'overtraining', severity }, at('2026-06-10T12:00:00Z')).action).toBe(action);
  });

  it('treats digest mode on the digest kind itself as "send it"', () => {
    expect(decideDelivery(pref({ mode: 'digest' }), { kind: 'digest', severity: 'info' }, at('2026-06-10T12:00:00Z')).action).toBe('send-now');
  });

  it.each([
    // [instant, expected action, expected sendAfter] in Europe/Berlin (CEST = UTC+2 in June)
    ['2026-06-10T19:59:00Z', 'send-now', undefined], // 21:59 local
    ['2026-06-10T20:00:00Z', 'delay', '2026-06-11T05:00:00.000Z'], // 22:00 local, before midnight
    ['2026-06-10T23:30:00Z', 'delay', '2026-06-11T05:00:00.000Z'], // 01:30 local, after midnight
    ['2026-06-11T04:59:00Z', 'delay', '2026-06-11T05:00:00.000Z'], // 06:59 local
    ['2026-06-11T05:00:00Z', 'send-now', undefined], // 07:00 local: quiet hours over
  ] as const)('quiet hours across midnight in Berlin at %s → %s', (now, action, sendAfter) => {
    const d = decideDelivery(berlinNights, { kind: 'back-pain', severity: 'warning' }, at(now));
    expect(d.action).toBe(action);
    expect(d.sendAfter?.toISOString()).toBe(sendAfter);
  });

  it('delays high severity too (never drops it)', () => {
    const d = decideDelivery(berlinNights, { kind: 'overtraining', severity: 'high' }, at('2026-06-10T22:00:00Z'));
    expect(d).toMatchObject({ action: 'delay', sendAfter: at('2026-06-11T05:00:00Z') });
  });

  it('uses the winter offset (CET = UTC+1) for the same local window', () => {
    const d = decideDelivery(berlinNights, { kind: 'overtraining', severity: 'info' }, at('2026-01-15T22:00:00Z')); // 23:00 local
    expect(d.sendAfter?.toISOString()).toBe('2026-01-16T06:00:00.000Z');
  });

  it('ends quiet hours at the right instant on the spring-forward night (Berlin, 29 Mar 2026)', () => {
    // 23:30 CET on 28 Mar; 07:00 on 29 Mar is already CEST (UTC+2) → 05:00Z, not 06:00Z.
    const d = decideDelivery(berlinNights, { kind: 'overtraining', severity: 'info' }, at('2026-03-28T22:30:00Z'));
    expect(d.sendAfter?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('ends quiet hours at the right instant on the fall-back night (Berlin, 25 Oct 2026)', () => {
    // 23:30 CEST on 24 Oct; 07:00 on 25 Oct is CET (UTC+1) → 06:00Z.
    const d = decideDelivery(berlinNights, { kind: 'overtraining', severity: 'info' }, at('2026-10-24T21:30:00Z'));
    expect(d.sendAfter?.toISOString()).toBe('2026-10-25T06:00:00.000Z');
  });

  it('handles a quiet end inside the spring-forward gap: sends when the clock jumps past it', () => {
    const p = pref({ quietStart: '23:00', quietEnd: '02:30', timezone: 'Europe/Berlin' }); // 02:00–03:00 does not exist on 29 Mar
    const d = decideDelivery(p, { kind: 'overtraining', severity: 'info' }, at('2026-03-28T23:30:00Z')); // 00:30 CET
    expect(d).toMatchObject({ action: 'delay', sendAfter: at('2026-03-29T01:00:00Z') }); // 03:00 CEST
  });

  it('handles a quiet end that happens twice on the fall-back night', () => {
    const p = pref({ quietStart: '23:00', quietEnd: '02:30', timezone: 'Europe/Berlin' });
    // 02:10 CEST (first pass) → first 02:30 (00:30Z); 02:10 CET (second pass) → second 02:30 (01:30Z)
    expect(decideDelivery(p, { kind: 'overtraining', severity: 'info' }, at('2026-10-25T00:10:00Z')).sendAfter?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(decideDelivery(p, { kind: 'overtraining', severity: 'info' }, at('2026-10-25T01:10:00Z')).sendAfter?.toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('handles a daytime window that does not cross midnight', () => {
    const p = pref({ quietStart: '09:00', quietEnd: '17:00', timezone: 'America/New_York' });
    expect(decideDelivery(p, { kind: 'digest', severity: 'info' }, at('2026-06-10T14:00:00Z'))).toMatchObject({ action: 'delay', sendAfter: at('2026-06-10T21:00:00Z') });
    expect(decideDelivery(p, { kind: 'digest', severity: 'info' }, at('2026-06-10T22:00:00Z')).action).toBe('send-now');
  });

  it('applies severity and mode before quiet hours (a dropped email is not delayed)', () => {
    const p = { ...berlinNights, minSeverity: 'high' as const };
    expect(decideDelivery(p, { kind: 'overtraining', severity: 'warning' }, at('2026-06-10T22:00:00Z')).action).toBe('drop');
  });
});
