/**
 * The text pydantic 2 writes for validation errors, as the reference server relays it (newlines
 * replaced by `..`, protocol.md §3.2). Needed so our simulator server reports what the real one does.
 */

/** One pydantic error line. */
export interface PydanticError {
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
  readonly input: unknown;
}

const PYDANTIC_DOCS = 'https://errors.pydantic.dev/2.13/v/';

/** Python's `repr` of a JSON value (what pydantic prints as `input_value`). */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`)
    .join(', ')}}`;
}

function pythonType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** `N validation error(s) for Model..loc..  msg [type=…, input_value=…, input_type=…]..    For further …`. */
export function pydanticText(model: string, errors: readonly PydanticError[]): string {
  const head = `${errors.length} validation error${errors.length === 1 ? '' : 's'} for ${model}`;
  const body = errors.map(
    (e) =>
      `${e.loc.join('.')}..  ${e.msg} [type=${e.type}, input_value=${pythonRepr(e.input)}, input_type=${pythonType(e.input)}]..    For further information visit ${PYDANTIC_DOCS}${e.type}`,
  );
  return [head, ...body].join('..');
}

/** pydantic's length messages (`List should have at most 1 item after validation, not 2`). */
export function lengthMessage(bound: 'at least' | 'at most', limit: number, actual: number): string {
  return `List should have ${bound} ${limit} item${limit === 1 ? '' : 's'} after validation, not ${actual}`;
}
