import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { parseStandardEvent } from './standard-event.schema';

const ATHLETE = '3f1c2b8e-2a4b-4c6d-8e9f-0a1b2c3d4e5f';

const validSession = fc.record({
  athleteId: fc.constant(ATHLETE),
  externalId: fc.string({ minLength: 1, maxLength: 50 }),
  startTime: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  durationS: fc.integer({ min: 1, max: 48 * 3600 }),
  rpe: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  avgHr: fc.option(fc.integer({ min: 20, max: 250 }), { nil: undefined }),
});

describe('parseStandardEvent', () => {
  it('should parse every well-formed session event', () => {
    fc.assert(
      fc.property(validSession, (data) => {
        const event = parseStandardEvent(JSON.stringify({ type: 'session.upserted', data }));
        return event.type === 'session.upserted' && event.data.externalId === data.externalId && event.data.durationS === data.durationS;
      }),
    );
  });

  it('should answer any input with an event or a coded 400/422 error, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ type: 'session.upserted', data: v }))), (input) => {
        try {
          parseStandardEvent(input);
          return true;
        } catch (e) {
          return e instanceof DomainError && [ErrorCode.MalformedJson, ErrorCode.ValidationFailed].includes(e.code);
        }
      }),
    );
  });

  it('should list every bad field with what is wrong', () => {
    try {
      parseStandardEvent(JSON.stringify({ type: 'session.upserted', data: { athleteId: 'nope', externalId: 'a', startTime: '2026-11-20T07:00:00', durationS: -5, rpe: 11 } }));
      throw new Error('expected a validation error');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const fields = ((e as DomainError).details as { field: string }[]).map((d) => d.field).sort();
      expect(fields).toEqual(['data.athleteId', 'data.durationS', 'data.rpe', 'data.startTime']);
    }
  });

  it('should reject malformed JSON with 400 and non-objects with 422', () => {
    const code = (input: string) => {
      try {
        parseStandardEvent(input);
        return 'none';
      } catch (e) {
        return (e as DomainError).code;
      }
    };
    expect(code('{"type":')).toBe(ErrorCode.MalformedJson);
    expect(code('[1,2]')).toBe(ErrorCode.ValidationFailed);
    expect(code('{"type":"session.upserted","data":[]}')).toBe(ErrorCode.ValidationFailed);
  });

  it('should accept athleteExternalId in place of athleteId, and refuse a garbage athleteId even then', () => {
    const base = { externalId: 'x', startTime: '2026-11-20T07:00:00+01:00', durationS: 60 };
    expect(parseStandardEvent(JSON.stringify({ type: 'session.upserted', data: { ...base, athleteExternalId: 'ext-7' } })).data.athleteExternalId).toBe('ext-7');
    expect(() => parseStandardEvent(JSON.stringify({ type: 'session.upserted', data: { ...base, athleteExternalId: 'ext-7', athleteId: 'zzz' } }))).toThrow(DomainError);
  });
});
