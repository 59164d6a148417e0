import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isReferenceBackendName, referenceBackend } from '@coldatom/backend-config';
import { validateExperiments } from '@coldatom/circuit-plugin';
import { JobPayload } from '@coldatom/core';
import { probabilities } from '@coldatom/simulator';
import { z } from 'zod';
import { isLocalTarget } from '../backend-target.js';
import type { CliIo } from '../cli-io.js';
import { CliInputError } from '../cli-input-error.js';
import { parseOptions } from '../command.js';
import { ExitCode } from '../exit-code.js';
import { asInputError, compileSpec, loadSpec } from '../scan-input.js';

const ProbsOptions = z.object({ backend: z.string().min(1).optional() });

/** The simulator name of a `local:<name>` target. */
function localName(target: string, where: string): 'singlequdit' | 'multiqudit' | 'fermions' | 'rydberg' | 'mot' {
  const name = target.slice('local:'.length);
  if (!isLocalTarget(target) || !isReferenceBackendName(name)) {
    throw new CliInputError(
      `probs computes exact distributions with the local simulator: ${where} must be local:<name> (local:singlequdit, local:multiqudit, local:fermions, local:rydberg or local:mot), not "${target}"`,
    );
  }
  return name;
}

export async function probs([input]: readonly [file: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(ProbsOptions, raw);
  const file = path.resolve(io.cwd, input);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new CliInputError(`Cannot read ${file} as JSON: ${(cause as Error).message}`, [], { cause });
  }
  let payload: JobPayload;
  let name: ReturnType<typeof localName>;
  if (typeof json === 'object' && json !== null && 'circuit' in json) {
    const loaded = await loadSpec(file);
    name = options.backend
      ? localName(options.backend, '--backend')
      : localName(loaded.spec.backend, `the spec's backend (override with --backend local:<name>)`);
    payload = compileSpec(loaded, { ...referenceBackend(name).config, url: null }).payload;
  } else {
    if (!options.backend) throw new CliInputError(`${file} is a job payload: say which simulator with --backend local:<name>`);
    name = localName(options.backend, '--backend');
    const parsed = JobPayload.safeParse(json);
    if (!parsed.success) {
      throw new CliInputError(
        `${file} is neither a scan spec nor a job payload`,
        parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      );
    }
    const config = { ...referenceBackend(name).config, url: null };
    try {
      payload = validateExperiments(parsed.data, config);
    } catch (error) {
      throw asInputError(error, file, config);
    }
  }
  io.stdout.write(`${JSON.stringify(probabilities(name, payload), null, 2)}\n`);
  return ExitCode.ok;
}
