/**
 * Reads typed values out of one InputRecord and collects what is wrong with them as messages. A CSV cell is
 * text; a JSON value may be a number or text. An empty cell, an empty string and JSON null all mean "absent".
 */
import { describeJson, type InputRecord } from './records';

export interface NumberRule {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Appended to the bounds in the message, e.g. ` bpm`. */
  unit?: string;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

export class FieldReader {
  readonly problems: string[] = [];

  constructor(
    private readonly record: InputRecord,
    private readonly decimalComma: boolean,
  ) {}

  /** Whether the field has a value (not absent, not empty, not null). */
  has(key: string): boolean {
    const field = this.record.fields.get(key);
    return field !== undefined && !isAbsent(field.value);
  }

  /** The value as it is in the file (undefined when the field is not there). */
  raw(key: string): unknown {
    return this.record.fields.get(key)?.value;
  }

  /** The name the file uses for a field, for messages. */
  name(key: string): string {
    return this.record.fields.get(key)?.name ?? key;
  }

  /** Trimmed text, or undefined when absent. JSON numbers are accepted as text. */
  text(key: string): string | undefined {
    const field = this.record.fields.get(key);
    if (field === undefined || isAbsent(field.value)) return undefined;
    const { value } = field;
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number') return String(value);
    this.problems.push(`${field.name} must be text, got ${describeJson(value)}`);
    return undefined;
  }

  /** A finite number within `rule`, or undefined when absent or wrong (then a problem is recorded). */
  number(key: string, rule: NumberRule = {}): number | undefined {
    const field = this.record.fields.get(key);
    if (field === undefined || isAbsent(field.value)) return undefined;
    const value = toNumber(field.value, this.decimalComma);
    const shown = typeof field.value === 'string' ? JSON.stringify(field.value.trim()) : describeJson(field.value);
    if (value === undefined) {
      this.problems.push(`${field.name} must be a number, got ${shown}`);
      return undefined;
    }
    const bad = (rule.min !== undefined && value < rule.min) || (rule.above !== undefined && value <= rule.above) || (rule.max !== undefined && value > rule.max);
    if (bad) {
      this.problems.push(`${field.name} ${describeRule(rule)}, got ${shown}`);
      return undefined;
    }
    return value;
  }

  /** Records a problem about this record. */
  problem(message: string): void {
    this.problems.push(message);
  }
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function toNumber(value: unknown, decimalComma: boolean): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  if (decimalComma && DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
  if (!PLAIN_NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function describeRule({ min, above, max, unit = '' }: NumberRule): string {
  if (max !== undefined) {
    if (min !== undefined) return `must be between ${min} and ${max}${unit}`;
    if (above !== undefined) return `must be greater than ${above} and at most ${max}${unit}`;
    return `must be at most ${max}${unit}`;
  }
  if (min === 0) return 'must not be negative';
  if (min !== undefined) return `must be at least ${min}${unit}`;
  return above !== undefined ? `must be greater than ${above}${unit}` : 'is out of range';
}
