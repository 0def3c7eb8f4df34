/** The sport names sessions carry, whatever platform they came from (webhooks.md §14.1). */
export type Sport =
  | 'run'
  | 'trail_run'
  | 'ride'
  | 'indoor_ride'
  | 'swim'
  | 'walk'
  | 'hike'
  | 'strength'
  | 'hiit'
  | 'row'
  | 'ski'
  | 'yoga'
  | 'team_sport'
  | 'other';

/** Looks a platform's sport code up in its table; unknown codes become 'other' (the raw code is kept in the raw event). */
export function mapSport(table: Record<string, Sport>, raw: string | number | null | undefined): Sport {
  if (raw === null || raw === undefined) return 'other';
  // Own keys only: a platform sending "constructor" or "toString" must not reach Object.prototype.
  const key = String(raw);
  if (Object.hasOwn(table, key)) return table[key];
  const lower = key.toLowerCase();
  return Object.hasOwn(table, lower) ? table[lower] : 'other';
}
