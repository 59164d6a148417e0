import { ColdAtomError, type ColdAtomErrorOptions } from '@coldatom/core';

/** The simulator holds as many unfinished jobs as it may (`maxQueuedJobs`); submit again later. */
export class QueueFullError extends ColdAtomError {
  override readonly name = 'QueueFullError' as const;
  /** Jobs accepted and not yet finished when the job was refused. */
  readonly pendingJobs: number;

  constructor(message: string, pendingJobs: number, options: ColdAtomErrorOptions = {}) {
    super(message, options);
    this.pendingJobs = pendingJobs;
  }
}

/** The simulator is shutting down and accepts no new job. */
export class SimulatorClosedError extends ColdAtomError {
  override readonly name = 'SimulatorClosedError' as const;
}
