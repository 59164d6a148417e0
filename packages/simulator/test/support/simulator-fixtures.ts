/** Helpers shared by the simulator's server and local-backend specs. */
import { vi } from 'vitest';
import type { JobPayload } from '@coldatom/core';
import type { ExperimentExecutor, SimulationAnswer } from '@coldatom/simulator';

export { readVector, listVectors } from '../../../../test/support/vectors.js';
export { useRealNetwork } from '../../../../test/support/real-network.js';

/**
 * pydantic texts compared as vectors/README asks: without the `input_value` repr (Python prints
 * `7.0` where JSON gives 7) and without the pydantic version in the errors.pydantic.dev URL.
 */
export function loose(text: string): string {
  return text.replace(/input_value=.*?, input_type=/g, 'input_value=…, input_type=').replace(/errors\.pydantic\.dev\/[\d.]+\//g, 'errors.pydantic.dev/');
}

/** An executor that holds every experiment until `release()` (or rejects when its job is stopped). */
export function heldExecutor(): { readonly executor: ExperimentExecutor; release(): void; readonly started: number } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let started = 0;
  const executor: ExperimentExecutor = (task, signal) => {
    started++;
    return new Promise<SimulationAnswer>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error(`stopped: ${String(signal.reason)}`)), { once: true });
      void gate.then(() => resolve({ memory: new Array<string>(task.experiment.shots).fill('0') }));
    });
  };
  return {
    executor,
    release: () => open(),
    get started() {
      return started;
    },
  };
}

/** A raw HTTP exchange: status, content type, the exact body text and the headers. */
export async function exchange(url: string, init?: RequestInit): Promise<{ status: number; contentType: string | null; text: string; headers: Headers }> {
  const res = await fetch(url, init);
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text(), headers: res.headers };
}

/** A singlequdit Rabi payload: `theta` on `atoms` atoms, optionally seeded. */
export function rabi(theta: number, options: { readonly atoms?: number; readonly shots?: number; readonly seed?: number } = {}): JobPayload {
  const experiment = {
    instructions: [
      ['load', [0], [options.atoms ?? 50]],
      ['rlx', [0], [theta]],
      ['measure', [0], []],
    ] as [string, number[], number[]][],
    shots: options.shots ?? 20,
    num_wires: 1,
    wire_order: 'interleaved' as const,
  };
  return { experiment_0: options.seed === undefined ? experiment : { ...experiment, seed: options.seed } };
}

/** Polls a get_job_status URL until the job leaves INITIALIZING; answers that last exchange. */
export async function settled(statusUrl: string, init?: RequestInit): Promise<{ status: number; text: string }> {
  return vi.waitFor(
    async () => {
      const answer = await exchange(statusUrl, init);
      if ((JSON.parse(answer.text) as { status: string }).status === 'INITIALIZING') throw new Error(`still INITIALIZING: ${statusUrl}`);
      return answer;
    },
    { timeout: 20_000, interval: 5 },
  );
}
