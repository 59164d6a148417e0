import path from 'node:path';
import type { BackendConfiguration, ValidationProblem } from '@coldatom/backend-config';
import { CircuitValidationError, compileScanSpec, loadScanSpec, type CompiledScan, type LoadedScanSpec } from '@coldatom/circuit-plugin';
import { isColdAtomError } from '@coldatom/core';
import { CliInputError } from './cli-input-error.js';
import { importCircuitModule } from './internal/typescript-modules.js';

/** Most problems listed one per line; the rest are counted. */
const MAX_LISTED_PROBLEMS = 40;

/** The spec's name: its file name without `.json` (names the default output folder). */
export function specName(file: string): string {
  return path.basename(file).replace(/\.json$/i, '');
}

/** Reads a scan spec and its circuit; any problem (missing file, not JSON, invalid field, bad QASM) is bad input. */
export async function loadSpec(file: string): Promise<LoadedScanSpec> {
  try {
    return await loadScanSpec(file, { importModule: importCircuitModule });
  } catch (error) {
    if (isColdAtomError(error)) throw new CliInputError(error.message, [], { cause: error });
    throw error;
  }
}

/** One validation problem as a line: the validator's sentence (experiment, instruction, gate, wires) and its rule. */
function problemLine(problem: ValidationProblem): string {
  return `${problem.message} [rule: ${problem.rule}]`;
}

/** Options of {@link compileSpec}. */
export interface CompileSpecOptions {
  /** Wrap out-of-range rotation angles into range instead of refusing them. */
  readonly wrapAngles?: boolean;
  readonly onWarning?: (message: string) => void;
  /** Most scan points compiled (`--max-points`); the plugin's default cap otherwise. */
  readonly maxPoints?: number | undefined;
}

/**
 * Compiles and validates a loaded spec against a backend config. Validation problems become one
 * {@link CliInputError} listing each (experiment, instruction index, gate, wires, rule): nothing is sent.
 */
export function compileSpec(loaded: LoadedScanSpec, config: BackendConfiguration, options: CompileSpecOptions = {}): CompiledScan {
  const { onWarning } = options;
  try {
    return compileScanSpec(loaded, config, {
      ...(options.wrapAngles ? { angles: 'wrap' as const } : {}),
      ...(options.maxPoints === undefined ? {} : { maxPoints: options.maxPoints }),
      ...(onWarning ? { onWarning: (p: ValidationProblem) => onWarning(problemLine(p)) } : {}),
    });
  } catch (error) {
    throw asInputError(error, loaded.file, config);
  }
}

/**
 * A validation failure as bad input: one line per problem (experiment, instruction index, gate,
 * wires, rule). Other toolkit errors keep their message; anything else is returned unchanged.
 */
export function asInputError(error: unknown, where: string, config: BackendConfiguration): unknown {
  if (error instanceof CircuitValidationError) {
    const listed = error.problems.slice(0, MAX_LISTED_PROBLEMS).map(problemLine);
    const more = error.problems.length - listed.length;
    const backend = config.display_name ?? config.backend_name;
    return new CliInputError(
      `${where}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} for ${backend}; nothing was sent`,
      more > 0 ? [...listed, `… and ${more} more`] : listed,
      { cause: error },
    );
  }
  if (isColdAtomError(error)) return new CliInputError(`${where}: ${error.message}`, [], { cause: error });
  return error;
}
