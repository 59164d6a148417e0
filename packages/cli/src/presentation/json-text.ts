const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';
const isFlatArray = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.every((v) => isPrimitive(v) || (Array.isArray(v) && v.every(isPrimitive)));

/**
 * JSON with objects indented and arrays of plain values (memory strings, decoded shots) on one
 * line each: `JSON.stringify(v, null, 2)` would spend a line per shot. Hand-written because the
 * rule is this one line of policy; the serialization itself is `JSON.stringify`.
 */
export function jsonText(value: unknown, indent = ''): string {
  if (isPrimitive(value)) return JSON.stringify(value) ?? 'null';
  if (isFlatArray(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[\n${value.map((v) => `${inner}${jsonText(v, inner)}`).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${jsonText(v, inner)}`).join(',\n')}\n${indent}}`;
}
