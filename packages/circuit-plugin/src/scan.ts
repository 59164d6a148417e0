import type { BackendConfiguration } from '@coldatom/backend-config';
import { experimentName, type JobPayload } from '@coldatom/core';
import type { ColdAtomCircuit } from './circuit.js';
import { compileExperiment } from './compile.js';
import { sweepPoints, type Sweep } from './sweep.js';
import { validateExperiments, type ValidateOptions } from './validate.js';

/** One scan point: which experiment carries which parameter values. */
export interface ScanPoint {
  readonly experiment: string;
  readonly values: Readonly<Record<string, number>>;
}

/** A compiled scan: the payload and, per experiment, its scan values. */
export interface CompiledScan {
  readonly payload: JobPayload;
  readonly parameters: readonly string[];
  readonly points: readonly ScanPoint[];
}

/** Options of {@link scan}. */
export interface ScanOptions extends ValidateOptions {
  readonly shots: number;
  readonly config: BackendConfiguration;
  readonly seed?: number;
  /** Validate before returning (turn off only to measure the validator). @default true */
  readonly validate?: boolean;
}

/** One experiment per scan point, `experiment_0…` in scan order, validated against the backend. */
export function scan(circuit: ColdAtomCircuit, sweep: Sweep, options: ScanOptions): CompiledScan {
  const points = sweepPoints(sweep);
  const payload: JobPayload = {};
  const scanPoints: ScanPoint[] = points.map((values, i) => {
    const name = experimentName(i);
    payload[name] = compileExperiment(circuit, { shots: options.shots, config: options.config, bindings: values, ...(options.seed === undefined ? {} : { seed: options.seed }) });
    return { experiment: name, values };
  });
  const checked = options.validate === false ? payload : validateExperiments(payload, options.config, options);
  return { payload: checked, parameters: Object.keys(sweep.axes), points: scanPoints };
}
