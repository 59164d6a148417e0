import type { BackendConfiguration, ValidationProblem } from '@coldatom/backend-config';
import { experimentName, type JobPayload, type ScanPoint } from '@coldatom/core';
import { CircuitError } from './circuit-error.js';
import type { AnyCircuit } from './circuit-types.js';
import { bindExperiment, checkBindings, configOf, prepareCircuit } from './prepared-circuit.js';
import { sweepPoints, type Sweep, type SweepOptions } from './sweep.js';
import { checkPayload, type ValidateOptions } from './validate.js';

// One definition of a scan point for the whole toolkit: core journals them, runs attach them to
// results, and a compiled scan hands them over as they are.
export type { ScanPoint };

/** A compiled scan: the payload and, per experiment, its scan point. */
export interface CompiledScan {
  readonly payload: JobPayload;
  /** The scan variables, in declaration order. */
  readonly parameters: readonly string[];
  /** One per experiment, in scan order: results come back keyed by these values. */
  readonly points: readonly ScanPoint[];
  /** Validation warnings (empty when validation was turned off). */
  readonly warnings: readonly ValidationProblem[];
}

/** Options of {@link scan}. */
export interface ScanOptions extends ValidateOptions, SweepOptions {
  readonly shots: number;
  /** The backend's served config. @default the circuit's own */
  readonly config?: BackendConfiguration;
  /** Seeds the backend's sampling; every experiment gets it. */
  readonly seed?: number;
  /** Values of symbols that are not scanned. */
  readonly bindings?: Readonly<Record<string, number>>;
  /** Validate against the backend before returning (turn off only to measure the validator). @default true */
  readonly validate?: boolean;
}

/**
 * One experiment per scan point, `experiment_0…` in scan order, each with `shots` and its scan
 * point recorded; the circuit is walked once. Validated by default: throws a
 * {@link CircuitValidationError} listing every problem.
 *
 * @example
 * scan(rabi, { axes: { theta: { linspace: [0, Math.PI, 21] } } }, { shots: 200 });
 */
export function scan(circuit: AnyCircuit, sweep: Sweep, options: ScanOptions): CompiledScan {
  const config = configOf(circuit, options.config);
  const points = sweepPoints(sweep, options);
  const parameters = Object.keys(sweep.axes);
  const fixed = options.bindings ?? {};
  const both = parameters.filter((name) => Object.hasOwn(fixed, name));
  if (both.length > 0) throw new CircuitError(`${both.join(', ')} ${both.length === 1 ? 'is' : 'are'} both scanned and bound`);
  const prepared = prepareCircuit(circuit, config);
  checkBindings(prepared, [...parameters, ...Object.keys(fixed)]);
  const payload: JobPayload = {};
  const scanPoints = points.map((values, i): ScanPoint => {
    const experiment = experimentName(i);
    payload[experiment] = bindExperiment(prepared, Object.keys(fixed).length === 0 ? values : { ...fixed, ...values }, options);
    return { experiment, values };
  });
  if (options.validate === false) return { payload, parameters, points: scanPoints, warnings: [] };
  const checked = checkPayload(payload, config, options);
  return { payload: checked.payload, parameters, points: scanPoints, warnings: checked.warnings };
}
