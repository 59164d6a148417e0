/** A number for tables and labels: integers as they are, others with 4 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** A duration for humans: `850 ms`, `3.2 s`, `2 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** `1 experiment`, `21 experiments`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * `mean ± standard error` with the error to 2 significant digits and the mean to the same decimal
 * place (the usual way to quote a measurement): `0.345 ± 0.050`, `49.700 ± 0.039`, `50 ± 0`.
 */
export function formatMeasurement(mean: number, standardError: number): string {
  if (!Number.isFinite(mean)) return String(mean);
  if (!(standardError > 0) || !Number.isFinite(standardError)) return `${formatNumber(mean)} ± 0`;
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(standardError))));
  return `${mean.toFixed(decimals)} ± ${standardError.toFixed(decimals)}`;
}
