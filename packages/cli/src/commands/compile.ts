import path from 'node:path';
import { z } from 'zod';
import { connect } from '../backend-target.js';
import type { CliIo } from '../cli-io.js';
import { parseOptions } from '../command.js';
import { ExitCode } from '../exit-code.js';
import { compileSpec, loadSpec } from '../scan-input.js';

const CompileOptions = z.object({
  backend: z.string().min(1).optional(),
  wrapAngles: z.boolean().optional(),
  maxPoints: z.coerce.number().int().positive().optional(),
});

export async function compile([spec]: readonly [spec: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(CompileOptions, raw);
  const loaded = await loadSpec(path.resolve(io.cwd, spec));
  const backend = await connect(options.backend ?? loaded.spec.backend, io);
  const compiled = compileSpec(loaded, await backend.config(), {
    ...(options.wrapAngles ? { wrapAngles: true } : {}),
    maxPoints: options.maxPoints,
    onWarning: (message) => void io.stderr.write(`warning: ${message}\n`),
  });
  io.stdout.write(`${JSON.stringify(compiled.payload, null, 2)}\n`);
  return ExitCode.ok;
}
