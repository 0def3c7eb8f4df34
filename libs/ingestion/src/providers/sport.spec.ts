import fc from 'fast-check';
import { mapSport, Sport } from './sport';

describe('mapSport', () => {
  const table: Record<string, Sport> = { Run: 'run', ride: 'ride' };

  it('should find exact and lower-case codes and fall back to other', () => {
    expect(mapSport(table, 'Run')).toBe('run');
    expect(mapSport(table, 'RIDE')).toBe('ride');
    expect(mapSport(table, 'Curling')).toBe('other');
    expect(mapSport(table, null)).toBe('other');
  });

  it('should never return anything but a sport, whatever the platform sends', () => {
    const sports = new Set<string>(['run', 'ride', 'other']);
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty'), fc.integer()), (raw) => sports.has(mapSport(table, raw))));
  });
});
