/**
 * Child process of the crash-safety test: submits jobs one after another to the backend URL it is
 * given, journaling each, until it is killed. Arguments: backend URL, token, journal folder, first shot count.
 */
import { FileJobJournal, backendFor } from '@coldatom/core';

const [url, token, directory, first] = process.argv.slice(2) as [string, string, string, string];
const backend = backendFor(url, { token, jobs: { journal: new FileJobJournal(directory) } });
for (let shots = Number(first); shots < Number(first) + 1000; shots++) {
  // Distinct shot counts make every payload, and so its hash, unique.
  await backend.submitJob({ experiment_0: { instructions: [['measure', [0], []]], shots, num_wires: 1, wire_order: 'interleaved' } }, { notes: 'crash test' });
}
