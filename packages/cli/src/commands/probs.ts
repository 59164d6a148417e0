import { readFile } from 'node:fs/promises';
import { referenceBackend } from '@coldatom/backend-config';
import { compileScanSpec, loadScanSpec } from '@coldatom/circuit-plugin';
import { ColdAtomError, JobPayload } from '@coldatom/core';
import { probabilities, type SimBackend } from '@coldatom/simulator';

/** `coldatom probs <spec | payload>`: each experiment's exact outcome distribution from the local simulator. */
export async function probsCommand(file: string, options: { readonly backend?: string }, io: { stdout: NodeJS.WriteStream }): Promise<number> {
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  let payload: JobPayload;
  let backend: string | undefined = options.backend?.replace(/^local:/, '');
  if ('circuit' in json) {
    const loaded = await loadScanSpec(file);
    backend ??= loaded.spec.backend.replace(/^local:/, '');
    payload = compileScanSpec(loaded, referenceBackend(backend).config).payload;
  } else {
    payload = JobPayload.parse(json);
  }
  if (!backend) throw new ColdAtomError('probs needs --backend local:<name> for a payload file');
  referenceBackend(backend);
  io.stdout.write(`${JSON.stringify(probabilities(backend as SimBackend, payload), null, 2)}\n`);
  return 0;
}
