/**
 * One scan from the page, as `coldatom run` does it: read the backend's config, read the QASM,
 * compile and validate one experiment per sweep point (nothing is sent when a point is invalid),
 * run it as jobs and report each job's status, the run's progress and each point as it comes in.
 */
import { backendFor, startRun, type RunProgress } from '@coldatom/core';
import { compileScanSpec, fromQasm, parseScanSpec } from '@coldatom/circuit-plugin';
import type { ScanResults } from './downloads.js';
import { pointStats, type PointStats } from './point-stats.js';

/** What the form describes. */
export interface ScanRequest {
  /** `local:<name>` (simulated in this page) or a backend base URL. */
  readonly target: string;
  readonly token?: string;
  readonly qasm: string;
  readonly shots: number;
  readonly seed?: number;
  /** Parameter name → [start, stop, points], in declaration order (the first varies slowest). */
  readonly sweep: Readonly<Record<string, readonly [number, number, number]>>;
}

export interface ScanCallbacks {
  /** A job's status changed (`index` counts jobs from 0 in submission order). */
  readonly onJob: (index: number, jobId: string, state: string) => void;
  readonly onProgress: (progress: RunProgress) => void;
  /** A point's result, in scan order. */
  readonly onPoint: (point: PointStats) => void;
  /** The scan is compiled: how many experiments, under which parameters. */
  readonly onCompiled: (experiments: number, parameters: readonly string[]) => void;
}

export async function runScan(request: ScanRequest, callbacks: ScanCallbacks): Promise<ScanResults> {
  const backend = backendFor(request.target, request.token ? { token: request.token } : {});
  const config = await backend.config();
  const spec = parseScanSpec(
    {
      backend: request.target,
      shots: request.shots,
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      circuit: { qasm: request.qasm },
      sweep: Object.fromEntries(Object.entries(request.sweep).map(([name, axis]) => [name, { linspace: [...axis] }])),
    },
    'the page’s scan',
  );
  const compiled = compileScanSpec({ spec, circuit: fromQasm(request.qasm), file: 'the page’s circuit' }, config);
  callbacks.onCompiled(compiled.points.length, compiled.parameters);
  const run = startRun(backend, compiled.payload, { scan: { parameters: compiled.parameters, points: compiled.points }, compiledAgainst: config });
  let jobs = 0;
  const jobSubscription = run.jobs$.subscribe((handle) => {
    const index = jobs++;
    handle.status$.subscribe({
      next: (s) => callbacks.onJob(index, handle.jobId, s.state ?? s.raw),
      error: () => callbacks.onJob(index, handle.jobId, 'ERROR'),
    });
  });
  const progressSubscription = run.progress$.subscribe({ next: callbacks.onProgress, error: () => undefined });
  const points: PointStats[] = [];
  const pointSubscription = run.results$.subscribe({
    next: (outcome) => {
      const point = pointStats(outcome);
      points.push(point);
      callbacks.onPoint(point);
    },
    error: () => undefined,
  });
  try {
    await run.results();
  } finally {
    jobSubscription.unsubscribe();
    progressSubscription.unsubscribe();
    pointSubscription.unsubscribe();
  }
  return { target: request.target, parameters: compiled.parameters, points };
}
