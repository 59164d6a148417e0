import { describe, expect, it } from 'vitest';
import { formatDuration, formatMeasurement, formatNumber } from '../src/presentation/format.js';

describe('formatMeasurement', () => {
  it('rounds the standard error to 2 significant digits and the mean to the same place', () => {
    expect(formatMeasurement(0.34512, 0.049923)).toBe('0.345 ± 0.050');
    expect(formatMeasurement(49.7, 0.0387)).toBe('49.700 ± 0.039');
    expect(formatMeasurement(12.345, 2.4)).toBe('12.3 ± 2.4');
    expect(formatMeasurement(1234.5, 56)).toBe('1235 ± 56');
  });

  it('writes an exact value as the value ± 0', () => {
    expect(formatMeasurement(50, 0)).toBe('50 ± 0');
  });
});

describe('formatDuration', () => {
  it('picks the unit by size', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(3240)).toBe('3.2 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
});

describe('formatNumber', () => {
  it('keeps integers and shortens others to 4 significant digits', () => {
    expect(formatNumber(21)).toBe('21');
    expect(formatNumber(Math.PI)).toBe('3.142');
    expect(formatNumber(0.15707963)).toBe('0.1571');
  });
});
