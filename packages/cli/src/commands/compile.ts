import { prepareScan } from './load.js';

/** `coldatom compile <spec>`: the job payload JSON on stdout and nothing else. */
export async function compileCommand(specFile: string, options: { readonly backend?: string }, io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream }): Promise<number> {
  const { compiled } = await prepareScan(specFile, options.backend, (w) => io.stderr.write(`warning: ${w}\n`));
  io.stdout.write(`${JSON.stringify(compiled.payload)}\n`);
  return 0;
}
