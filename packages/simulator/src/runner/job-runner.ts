import { randomBytes } from 'node:crypto';
import { referenceBackend, rulesForReference, serverVerdict, validatePayload, type ReferenceBackendName, type ValidationProblem } from '@coldatom/backend-config';
import { exactDistribution, sampleMemory } from '../physics/distribution.js';
import { SimulationError, type SimExperiment } from '../physics/experiment.js';
import { DONE_DETAIL, RECEIVED, failureTexts } from './server-texts.js';

/** A status object exactly as the reference server stores and serves it. */
export interface StoredStatus {
  job_id: string;
  status: 'INITIALIZING' | 'QUEUED' | 'DONE' | 'ERROR';
  detail: string;
  error_message: string;
}

/** A result object in the reference key order (protocol.md §4.1). */
export interface StoredResult {
  backend_name: string;
  display_name: string;
  backend_version: string;
  job_id: string;
  qobj_id: null;
  success: boolean;
  status: string;
  header: Record<string, never>;
  results: {
    header: { name: string; 'extra metadata': string };
    shots: number;
    success: boolean;
    data: { memory: string[]; instructions: { name: string; wires: number[]; params: number[] }[] | null };
  }[];
}

/** Options of {@link JobRunner}. */
export interface JobRunnerOptions {
  /** Longest a job may run before it is recorded as ERROR. @default 300000 @unit milliseconds */
  readonly jobTimeLimitMs?: number;
}

/** The queue is full: callers answer 503 with Retry-After. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}

/**
 * One backend's jobs: accepts any JSON, answers INITIALIZING at once (the reference validates
 * nothing at submission), then validates with the server's rules and runs the physics, ending
 * DONE or ERROR with the reference texts. Jobs run one after another, like a spooler.
 */
export class JobRunner {
  readonly backend: ReferenceBackendName;
  readonly #statuses = new Map<string, StoredStatus>();
  readonly #results = new Map<string, StoredResult>();
  readonly #queue: { jobId: string; payload: unknown }[] = [];
  readonly #options: JobRunnerOptions;
  readonly #idle: (() => void)[] = [];
  #running = false;
  #closed = false;

  constructor(backend: ReferenceBackendName, options: JobRunnerOptions = {}) {
    this.backend = backend;
    this.#options = options;
  }

  /** Jobs accepted and not yet finished. */
  get pending(): number {
    return this.#queue.length + (this.#running ? 1 : 0);
  }

  /** Stores the job and queues it; the answer is the INITIALIZING status. */
  submit(payload: unknown): StoredStatus {
    if (this.#closed) throw new QueueFullError(`${this.backend} is shutting down`);
    const jobId = randomBytes(12).toString('hex');
    const status: StoredStatus = { job_id: jobId, status: 'INITIALIZING', detail: RECEIVED, error_message: 'None' };
    this.#statuses.set(jobId, status);
    this.#queue.push({ jobId, payload });
    if (!this.#running) void this.#drain();
    return { ...status };
  }

  status(jobId: string): StoredStatus | undefined {
    const status = this.#statuses.get(jobId);
    return status && { ...status };
  }

  result(jobId: string): StoredResult | undefined {
    return this.#results.get(jobId);
  }

  /** Resolves when every accepted job has finished; new submissions are refused meanwhile. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.pending > 0) await new Promise<void>((r) => this.#idle.push(r));
  }

  async #drain(): Promise<void> {
    this.#running = true;
    while (this.#queue.length > 0) {
      const { jobId, payload } = this.#queue.shift()!;
      // Yield between jobs so that status requests are answered while a queue is worked off.
      await new Promise((r) => setImmediate(r));
      this.#finish(jobId, payload);
    }
    this.#running = false;
    this.#idle.splice(0).forEach((r) => r());
  }

  #fail(jobId: string, problem: ValidationProblem): void {
    this.#statuses.set(jobId, { job_id: jobId, status: 'ERROR', ...failureTexts(problem) });
  }

  #finish(jobId: string, payload: unknown): void {
    const started = Date.now();
    const problem = serverVerdict(validatePayload(rulesForReference(this.backend), payload, { warnings: false }));
    if (problem) return this.#fail(jobId, problem);
    const config = referenceBackend(this.backend).config;
    const results: StoredResult['results'] = [];
    try {
      for (const [name, raw] of Object.entries(payload as Record<string, SimExperiment>)) {
        const experiment = { ...raw, instructions: raw.instructions.map(([n, w, p]) => [n, w, p] as const) };
        const memory = sampleMemory(exactDistribution(this.backend, experiment), experiment.shots, experiment.seed);
        const limit = this.#options.jobTimeLimitMs ?? 300_000;
        if (Date.now() - started > limit) throw new SimulationError(`the job ran longer than the simulator's limit of ${limit} ms`);
        results.push({
          header: { name, 'extra metadata': 'text' },
          shots: experiment.shots,
          success: true,
          data: {
            memory,
            // The fermions backend echoes no instructions (protocol.md §6.3).
            instructions: this.backend === 'fermions' ? null : experiment.instructions.map(([n, w, p]) => ({ name: n, wires: [...w], params: [...p] })),
          },
        });
      }
    } catch (error) {
      const message = error instanceof SimulationError ? error.message : `simulation failed: ${String(error)}`;
      return this.#fail(jobId, { severity: 'error', stage: 'run', rule: 'simulation', experiment: '', message, serverMessage: message });
    }
    this.#results.set(jobId, {
      backend_name: config.backend_name,
      display_name: this.backend,
      backend_version: config.backend_version ?? '',
      job_id: jobId,
      qobj_id: null,
      success: true,
      // The reference spooler never updates its result's own status (protocol.md §4.3).
      status: 'INITIALIZING',
      header: {},
      results,
    });
    this.#statuses.set(jobId, { job_id: jobId, status: 'DONE', detail: DONE_DETAIL, error_message: 'None' });
  }
}
