import { describe, expect, it } from 'vitest';
import { palette } from '../src/internal/colors.js';
import { renderResultsTable } from '../src/presentation/results-table.js';
import { reportOf } from './support/reports.js';

describe('renderResultsTable', () => {
  it('shows scan values, mean ± standard error per measured wire and the most frequent outcome', () => {
    const table = renderResultsTable(reportOf(['theta'], [{ values: { theta: 0.5 }, memory: ['1 0', '1 0', '0 0', '1 1'] }], [2, 0]), palette(false));
    const lines = table.split('\n');
    expect(lines[1]).toMatch(/theta.*wire 2: mean ± s\.e\..*wire 0: mean ± s\.e\..*most frequent.*shots/);
    expect(lines[3]).toMatch(/│\s+0\.5 │\s+0\.75 ± 0\.25 │\s+0\.25 ± 0\.25 │ "1 0" \(50 %\)\s+│\s+4 │/);
  });

  it('has no colour codes when colour is off', () => {
    expect(renderResultsTable(reportOf(['t'], [{ values: { t: 1 }, memory: ['1'] }]), palette(false))).not.toContain('\u001b[');
  });
});
