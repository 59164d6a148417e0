/** Time per experiment and peak memory of each backend's physics at the problem sizes. */
import { exactDistribution, sampleMemory, type SimBackend, type SimExperiment } from '@coldatom/simulator';

const exp = (instructions: SimExperiment['instructions'], numWires: number, shots: number): SimExperiment => ({ instructions, shots, num_wires: numWires, wire_order: 'interleaved' });

function measure(label: string, size: string, backend: SimBackend, experiments: SimExperiment[]): void {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  let peak = rssBefore;
  for (const e of experiments) {
    sampleMemory(exactDistribution(backend, e), e.shots, 1);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const ms = (performance.now() - started) / experiments.length;
  console.log(`${label.padEnd(12)} ${size.padEnd(58)} ${ms.toFixed(2).padStart(9)} ms/experiment   peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
}

export async function run(): Promise<void> {
  measure('singlequdit', 'N = 500 atoms, 100-point rlx scan, 1000 shots', 'singlequdit',
    Array.from({ length: 100 }, (_, i) => exp([['load', [0], [500]], ['rlx', [0], [(Math.PI * i) / 99]], ['measure', [0], []]], 1, 1000)));
  measure('multiqudit', 'dimension 4096 (16 × 16 × 16), multiqudit_full', 'multiqudit',
    [exp([['load', [0], [15]], ['load', [1], [15]], ['load', [2], [15]], ['multiqudit_full', [0, 1, 2], [0.3, 0.2, 0.01, 0.1, 0.05]], ['measure', [0], []], ['measure', [1], []], ['measure', [2], []]], 3, 1000)]);
  const layers = Array.from({ length: 20 }, (_, i): SimExperiment['instructions'][number][] => [['fhop', [[0, 1, 2, 3], [2, 3, 4, 5], [4, 5, 6, 7]][i % 3]!, [0.3]], ['fint', [0, 1, 2, 3, 4, 5, 6, 7], [0.5]]]).flat();
  measure('fermions', '4 particles on 8 modes, 20 fhop/fint layers', 'fermions',
    [exp([['load', [0], []], ['load', [1], []], ['load', [6], []], ['load', [7], []], ...layers, ...[0, 1, 2, 3, 4, 5, 6, 7].map((w): [string, number[], number[]] => ['measure', [w], []])], 8, 1000)]);
  measure('rydberg', '5 atoms, rydberg_full', 'rydberg',
    [exp([['rydberg_full', [0, 1, 2, 3, 4], [2, 0.5, 3]], ...[0, 1, 2, 3, 4].map((w): [string, number[], number[]] => ['measure', [w], []])], 5, 1000)]);
  const distribution = exactDistribution('singlequdit', exp([['load', [0], [500]], ['rlx', [0], [1]], ['measure', [0], []]], 1, 1));
  const started = performance.now();
  sampleMemory(distribution, 1_000_000, 1);
  console.log(`sampling     1e6 shots from a 501-outcome distribution                ${(performance.now() - started).toFixed(0).padStart(9)} ms`);
}
