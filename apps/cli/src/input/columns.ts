import type { FieldReader } from './fields';
import { lineError, type InputError } from './input-error';
import type { InputColumn, InputRecord, InputTable } from './records';

/** What columns (CSV) or fields (JSON) one kind of input allows. */
export interface ColumnSpec {
  /** `sessions` or `daily loads`, for messages. */
  kind: string;
  allowed: readonly string[];
  /** Each group needs at least one of its columns in a CSV header. */
  required: readonly (readonly string[])[];
  /** At most one column of each group may be used. */
  exclusive: readonly (readonly string[])[];
}

/** Problems with a set of columns: unknown names, missing required ones (when `checkRequired`), exclusive pairs. */
export function columnProblems(columns: readonly InputColumn[], spec: ColumnSpec, noun: 'column' | 'field', checkRequired: boolean): string[] {
  const problems: string[] = [];
  const keys = new Set(columns.map((c) => c.key));
  for (const column of columns) {
    if (!spec.allowed.includes(column.key)) {
      problems.push(`unknown ${noun} "${column.name}" (a ${spec.kind} file has: ${spec.allowed.join(', ')})`);
    }
  }
  if (checkRequired) {
    for (const group of spec.required) {
      if (!group.some((key) => keys.has(key))) problems.push(`missing ${noun}: needs ${group.map((k) => `"${k}"`).join(' or ')}`);
    }
  }
  for (const group of spec.exclusive) {
    const used = columns.filter((c) => group.includes(c.key));
    if (used.length > 1) problems.push(`has both ${used.map((c) => `"${c.name}"`).join(' and ')}; use one of them`);
  }
  return problems;
}

/** CSV: the problems of the header as errors on its line (none for JSON, which has no header). */
export function headerErrors(table: InputTable, spec: ColumnSpec): InputError[] {
  if (table.header === undefined) return [];
  const { line, columns } = table.header;
  return columnProblems(columns, spec, 'column', true).map((message) => lineError(line, message));
}

/** JSON: the field problems of one record; an exclusive pair only counts when both have a value. */
export function recordFieldProblems(record: InputRecord, spec: ColumnSpec, reader: FieldReader): string[] {
  const columns = [...record.fields]
    .filter(([key]) => !spec.allowed.includes(key) || reader.has(key))
    .map(([key, field]) => ({ key, name: field.name }));
  return columnProblems(columns, spec, 'field', false);
}
