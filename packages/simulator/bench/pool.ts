/**
 * What the worker-thread pool buys: the same heavy jobs run through a JobRunner on the pool and
 * in process (an executor calling the physics directly), side by side. Figures: wall time, and the
 * longest the caller's event loop was stalled (what an HTTP server or a poller would feel).
 */
import { availableParallelism } from 'node:os';
import { JobRunner, simulateExperiment, type ExperimentExecutor } from '@coldatom/simulator';
import { watchEventLoopStall } from '../test/support/event-loop-stall.js';
import { multiquditFull } from '../test/support/payloads.js';

const JOBS = 4;
const payload = multiquditFull();

const inProcess: ExperimentExecutor = async (task) => ({ memory: simulateExperiment(task.backend, task.experiment).memory });

async function runJobs(executor?: ExperimentExecutor): Promise<{ wallMs: number; maxStallMs: number }> {
  const runner = new JobRunner(executor ? { executor } : {});
  const stall = watchEventLoopStall();
  const started = performance.now();
  const ids = Array.from({ length: JOBS }, () => runner.submit('multiqudit', payload).job_id);
  await runner.close({ graceMs: 600_000 });
  const wallMs = performance.now() - started;
  const maxStallMs = await stall.finish();
  for (const id of ids) if (runner.status('multiqudit', id)?.status !== 'DONE') throw new Error(`job ${id} did not finish`);
  return { wallMs, maxStallMs };
}

export async function run(): Promise<void> {
  await runJobs(); // warm the threads up: their start-up is paid once per process
  const pool = await runJobs();
  const local = await runJobs(inProcess);
  console.log(`${JOBS} multiqudit jobs at dimension 4096 (multiqudit_full, 1000 shots), ${availableParallelism()} cores`);
  console.log(`  worker pool: ${pool.wallMs.toFixed(0).padStart(6)} ms wall, event loop stalled at most ${pool.maxStallMs.toFixed(1)} ms`);
  console.log(`  in process:  ${local.wallMs.toFixed(0).padStart(6)} ms wall, event loop stalled at most ${local.maxStallMs.toFixed(1)} ms`);
  console.log(
    `  pool/in-process: wall ${(pool.wallMs / local.wallMs).toFixed(2)}×, longest stall ${(pool.maxStallMs / local.maxStallMs).toFixed(3)}× (lower is better)`,
  );
}
