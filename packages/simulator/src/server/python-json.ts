/**
 * JSON text exactly as Python's `json.dumps` writes it with default arguments — what django-qlued
 * sends (protocol.md §1.8). Hand-written because no JSON library reproduces Python's separators,
 * ASCII escaping and float repr together, and clients comparing raw bodies must see the same text.
 */

/** Options of {@link pythonJson}. */
export interface PythonJsonOptions {
  /**
   * Keys whose numbers (directly, or inside arrays under the key) are Python floats and print as
   * `50.0`, `1e-05`; other numbers print as Python ints. JSON has no float type, so the writer must
   * be told, e.g. `['params']` for results (the reference echoes every parameter as a float).
   * @default []
   */
  readonly floatKeys?: readonly string[];
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

function pythonString(value: string): string {
  // JSON.stringify already escapes quotes, backslashes and control characters as Python does;
  // Python additionally escapes everything outside printable ASCII (ensure_ascii).
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function write(value: unknown, floats: ReadonlySet<string>, asFloat: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return asFloat ? pythonFloat(value) : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => write(item, floats, asFloat)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${pythonString(k)}: ${write(v, floats, floats.has(k))}`).join(', ')}}`;
}

/**
 * Serializes a JSON value like Python's `json.dumps(value)`: `", "` and `": "` separators,
 * non-ASCII escaped as `\uXXXX`, keys in insertion order (pydantic model order, as served).
 *
 * @example
 * pythonJson({ params: [50] }, { floatKeys: ['params'] }); // '{"params": [50.0]}'
 */
export function pythonJson(value: unknown, options: PythonJsonOptions = {}): string {
  return write(value, new Set(options.floatKeys ?? []), false);
}

const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * Like {@link pythonJson}, in pieces: arrays longer than `sliceItems` (a result's memory of 10⁶
 * shots) are written a slice at a time, so a caller can yield to the event loop between pieces and
 * never holds the whole text. Joined, the pieces are exactly `pythonJson(value, options)`.
 */
export function* pythonJsonPieces(value: unknown, options: PythonJsonOptions = {}, sliceItems = 8192): Generator<string, void, undefined> {
  yield* pieces(value, new Set(options.floatKeys ?? []), false, sliceItems);
}

function* pieces(value: unknown, floats: ReadonlySet<string>, asFloat: boolean, sliceItems: number): Generator<string, void, undefined> {
  if (isPrimitive(value)) return yield write(value, floats, asFloat);
  if (Array.isArray(value)) {
    if (value.length <= sliceItems && value.every(isPrimitive)) return yield write(value, floats, asFloat);
    yield '[';
    // Memory strings repeat (a few distinct outcomes over 10⁶ shots): escape each once.
    const escaped = new Map<string, string>();
    for (let start = 0; start < value.length; start += sliceItems) {
      const slice = value.slice(start, start + sliceItems);
      if (!slice.every(isPrimitive)) {
        for (let i = 0; i < slice.length; i++) {
          if (start + i > 0) yield ', ';
          yield* pieces(slice[i], floats, asFloat, sliceItems);
        }
        continue;
      }
      const texts = slice.map((item) => {
        // Numbers are not cached: a Map would confuse -0 with 0 (`-0.0` and `0.0` in Python).
        if (typeof item !== 'string') return write(item, floats, asFloat);
        let text = escaped.get(item);
        if (text === undefined) {
          text = write(item, floats, asFloat);
          escaped.set(item, text);
        }
        return text;
      });
      yield `${start > 0 ? ', ' : ''}${texts.join(', ')}`;
    }
    return yield ']';
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  yield '{';
  for (const [i, [key, item]] of entries.entries()) {
    yield `${i > 0 ? ', ' : ''}${pythonString(key)}: `;
    yield* pieces(item, floats, floats.has(key), sliceItems);
  }
  yield '}';
}
