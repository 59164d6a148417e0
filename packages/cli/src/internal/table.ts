/** The only module that imports cli-table3. */
import Table from 'cli-table3';

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** Column alignment per column. @default 'left' for every column */
  readonly align?: readonly ('left' | 'right' | 'center')[];
}

/** A boxed table as text (no trailing newline); cells are already formatted. */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  // cli-table3 colours headers through its own colour detection by default; the caller decides.
  const table = new Table({
    head: [...head],
    // Compact: no rule between body rows, so a 21-point scan stays 25 lines high.
    style: { head: [], border: [], compact: true },
    colAligns: options.align ? [...options.align] : [],
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}
