import type { CommandDefinition } from '../command.js';
import { jobsExportCommand } from './jobs/export.js';
import { jobsListCommand } from './jobs/list.js';
import { jobsResultCommand } from './jobs/result.js';
import { jobsResumeCommand } from './jobs/resume.js';
import { jobsShowCommand } from './jobs/show.js';

/** `coldatom jobs …`: the journal of submitted jobs. */
export const jobsCommand: CommandDefinition = {
  name: 'jobs',
  summary: 'the journal of submitted jobs: list, show, resume, result, export',
  examples: ['coldatom jobs list', 'coldatom jobs resume', 'coldatom jobs export <id> bundle/'],
  subcommands: [jobsListCommand, jobsShowCommand, jobsResumeCommand, jobsResultCommand, jobsExportCommand],
};
