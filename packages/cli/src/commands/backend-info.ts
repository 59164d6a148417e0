import { gateParameters, referenceBackendNames, referenceBackend, type BackendConfiguration } from '@coldatom/backend-config';
import { listBackends } from '@coldatom/core';
import { readBackendUrl } from '@coldatom/core/internal';
import { z } from 'zod';
import { connect } from '../backend-target.js';
import { colorsFor, type CliIo } from '../cli-io.js';
import { CliInputError } from '../cli-input-error.js';
import { parseOptions } from '../command.js';
import { ExitCode } from '../exit-code.js';
import { palette } from '../internal/colors.js';
import { renderTable } from '../internal/table.js';

const JsonOption = z.object({ json: z.boolean().optional() });

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const orDash = (value: unknown): string => (value === undefined || value === null ? '–' : String(value));

/** One table row per backend config. */
function backendRows(configs: readonly { readonly target: string; readonly config: BackendConfiguration }[]): string[][] {
  return configs.map(({ target, config }) => [
    target,
    orDash(config.backend_version),
    orDash(config.cold_atom_type),
    String(config.n_qubits),
    orDash(config.max_shots),
    orDash(config.max_experiments),
    (config.supported_instructions ?? config.gates.map((g) => g.name)).join(' '),
  ]);
}

const BACKEND_HEAD = ['target', 'version', 'type', 'wires', 'max shots', 'max experiments', 'instructions'];

export async function backends([host]: readonly [hostUrl?: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(JsonOption, raw);
  let entries: { target: string; config: BackendConfiguration }[];
  if (host === undefined) {
    entries = referenceBackendNames.map((name) => ({ target: `local:${name}`, config: { ...referenceBackend(name).config, url: null } }));
  } else {
    let root: string;
    try {
      root = readBackendUrl(host).normalized;
    } catch (cause) {
      throw new CliInputError(`"${host}" is not a URL (expected an API root such as https://qlued.alqor.io/api/v3)`, [], { cause });
    }
    entries = (await listBackends(root)).map((config) => ({ target: `${root}/${config.display_name ?? config.backend_name}`, config }));
  }
  if (options.json) {
    io.stdout.write(json(entries));
    return ExitCode.ok;
  }
  const colors = palette(colorsFor(io, io.stdout));
  io.stdout.write(`${renderTable(BACKEND_HEAD.map(colors.bold), backendRows(entries))}\n`);
  return ExitCode.ok;
}

/** A readable summary of one config. */
export function describeConfig(target: string, config: BackendConfiguration, bold: (s: string) => string): string {
  const lines = [
    `${bold(config.display_name ?? config.backend_name)} (${config.backend_name}${config.backend_version ? `, version ${config.backend_version}` : ''}) at ${target}`,
    ...(config.description ? [`  ${config.description}`] : []),
    `  type: ${orDash(config.cold_atom_type)}, wires: ${config.n_qubits}, species: ${orDash(config.num_species)}, wire order: ${orDash(config.wire_order)}, simulator: ${orDash(config.simulator)}`,
    `  limits: ${orDash(config.max_shots)} shots, ${orDash(config.max_experiments)} experiments per job`,
    `  instructions: ${(config.supported_instructions ?? []).join(', ') || '–'}`,
  ];
  const gates = config.gates.map((g) => [
    g.name,
    gateParameters(g).join(', ') || '–',
    g.coupling_map ? g.coupling_map.map((w) => `[${w.join(',')}]`).join(' ') : '–',
  ]);
  return `${lines.join('\n')}\n${gates.length > 0 ? `${renderTable(['gate', 'parameters', 'coupling map'].map(bold), gates)}\n` : ''}`;
}

export async function config([target]: readonly [backend: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(JsonOption, raw);
  const backend = await connect(target, io);
  const served = await backend.config();
  io.stdout.write(options.json ? json(served) : describeConfig(backend.target, served, palette(colorsFor(io, io.stdout)).bold));
  return ExitCode.ok;
}

export async function status([target]: readonly [backend: string], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(JsonOption, raw);
  const backend = await connect(target, io);
  const answer = await backend.status();
  if (options.json) {
    io.stdout.write(json(answer ?? null));
    return ExitCode.ok;
  }
  if (answer === undefined) {
    io.stdout.write(`${backend.target}: the server does not report a status (get_backend_status is missing on servers before November 2023)\n`);
    return ExitCode.ok;
  }
  const colors = palette(colorsFor(io, io.stdout));
  const state = answer.operational ? colors.green('operational') : colors.red('not operational');
  io.stdout.write(
    `${backend.target}: ${state}, ${answer.pending_jobs} pending job${answer.pending_jobs === 1 ? '' : 's'}${answer.status_msg ? ` (${answer.status_msg})` : ''}\n`,
  );
  return ExitCode.ok;
}
