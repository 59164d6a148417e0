/**
 * A finished job's shots stay compact (distinct strings + one index per shot) on the serving
 * thread: no per-shot work happens there when a job completes. Before, the pool turned every shot
 * into a memory string on the event loop (~50 ns a shot: 0.2 s of stall for this job).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JobRunner } from '@coldatom/simulator';
import { watchEventLoopStall } from './support/event-loop-stall.js';

describe('a large job finishing', () => {
  let stop = (): void => {};
  afterEach(() => stop());

  it('does not stall the event loop (4 × 10⁶ shots, compact until asked for)', async () => {
    const runner = new JobRunner();
    const experiment = {
      instructions: [
        ['load', [0], [50]],
        ['rlx', [0], [1.2]],
        ['measure', [0], []],
      ],
      shots: 1_000_000,
      num_wires: 1,
      wire_order: 'interleaved',
    };
    const payload = Object.fromEntries([0, 1, 2, 3].map((i) => [`experiment_${i}`, experiment]));
    // A warm-up job, so the figure below is not the workers' start-up.
    const warm = runner.submit('singlequdit', { experiment_0: { ...experiment, shots: 10 } });
    await new Promise<void>((resolve) => runner.watch('singlequdit', warm.job_id, (s) => s.status !== 'INITIALIZING' && resolve()));

    const stall = watchEventLoopStall();
    stop = stall.stop;
    const { job_id } = runner.submit('singlequdit', payload);
    const status = await new Promise<string>((resolve) => runner.watch('singlequdit', job_id, (s) => s.status !== 'INITIALIZING' && resolve(s.status)));
    // finish() waits for one more tick after completion, so the completion itself is inside the measured window.
    const longest = await stall.finish();
    expect(status).toBe('DONE');
    // Generous for a loaded 2-core machine (its worst tick, busy threads and all, was 46 ms); the
    // old per-shot conversion made it 230 ms on the same machine.
    expect(longest).toBeLessThan(100);
    const result = runner.result('singlequdit', job_id)!;
    expect(result.results.map((r) => r.data.memory.length)).toEqual([1_000_000, 1_000_000, 1_000_000, 1_000_000]);
  }, 60_000);
});
