/**
 * TypeORM's `query()` answers `UPDATE/DELETE … RETURNING` with `[rows, affectedCount]` but `SELECT` and
 * `INSERT … RETURNING` with `rows`. This gives the rows either way.
 */
export function returnedRows<T>(result: T[] | [T[], number]): T[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0]) : (result as T[]);
}
