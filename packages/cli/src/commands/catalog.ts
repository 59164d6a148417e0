/**
 * Every `coldatom` command as a definition: names, arguments, options, help and examples. This
 * module imports nothing heavy; each action is loaded when its command runs, so `coldatom --help`
 * (and completion) start without core, the circuit plugin, the simulator or the plotting stack.
 */
import { defineCommand, lazyAction, type CommandDefinition } from '../command.js';
const jsonFlag = { flags: '--json', description: 'print JSON' };

/** `coldatom run <spec.json>`: compile, validate, submit (split by the backend's limits), follow, then table, plot and files. */
const runCommand = defineCommand({
  name: 'run',
  summary: 'compile and validate a scan spec, submit it, follow the jobs, then print a results table and write results.json, results.csv and plot.svg',
  arguments: [{ name: '<spec>', description: 'scan spec JSON file' }],
  options: [
    { flags: '--backend <target>', description: 'local:<name> or a backend base URL (overrides the spec)' },
    { flags: '--out <dir>', description: 'output folder (default: ./coldatom-out/<spec name>)' },
    { flags: '--json', description: 'print a JSON summary on stdout (progress still goes to stderr)' },
    { flags: '--max-experiments-per-job <n>', description: "split into jobs of at most n experiments (default: the backend's max_experiments)" },
    { flags: '--max-active-jobs <n>', description: 'jobs unfinished on the backend at once; the rest wait here (default: 4)' },
    { flags: '--wrap-angles', description: 'wrap out-of-range rotation angles into range instead of refusing them' },
    { flags: '--max-points <n>', description: 'refuse scans of more points than this (default: 10000); lift it for a deliberate large scan' },
    {
      flags: '--give-up-after <seconds>',
      description: 'how long to keep polling through an unreachable server before leaving the run to `coldatom jobs resume` (default: 600)',
    },
  ],
  examples: ['coldatom run examples/rabi.json', 'coldatom run examples/rabi.json --backend https://qlued.alqor.io/api/v3/singlequdit --out results/rabi'],
  action: lazyAction(async () => (await import('./run.js')).runScan),
});

/** `coldatom compile <spec.json>`: the job payload on stdout and nothing else; nothing is sent. */
const compileCommand = defineCommand({
  name: 'compile',
  summary: 'print the job payload JSON a scan spec compiles to (validated against the backend; nothing is sent)',
  arguments: [{ name: '<spec>', description: 'scan spec JSON file' }],
  options: [
    { flags: '--backend <target>', description: 'local:<name> or a backend base URL whose config to compile against (overrides the spec)' },
    { flags: '--wrap-angles', description: 'wrap out-of-range rotation angles into range instead of refusing them' },
    { flags: '--max-points <n>', description: 'refuse scans of more points than this (default: 10000)' },
  ],
  examples: ['coldatom compile examples/rabi.json > payload.json'],
  action: lazyAction(async () => (await import('./compile.js')).compile),
});

/** `coldatom probs <spec.json | payload.json>`: each experiment's exact outcome distribution. */
const probsCommand = defineCommand({
  name: 'probs',
  summary: "print each experiment's exact outcome probabilities from the local simulator, as JSON",
  arguments: [{ name: '<file>', description: 'scan spec or job payload JSON file' }],
  options: [{ flags: '--backend <target>', description: 'local:<name> to simulate (needed for a payload file; overrides a spec)' }],
  examples: ['coldatom probs examples/rabi.json', 'coldatom probs payload.json --backend local:fermions'],
  action: lazyAction(async () => (await import('./probs.js')).probs),
});

/** `coldatom serve`: the local simulators behind a qlued-compatible HTTP server. */
const serveCommand = defineCommand({
  name: 'serve',
  summary: 'serve the local simulators over the qlued/sqooler REST protocol (v2 and v3 routes); the first line printed is `listening <url>`',
  options: [
    { flags: '-p, --port <n>', description: 'port to listen on; 0 picks a free one (default: 8000)' },
    { flags: '--host <host>', description: 'interface to listen on; beyond loopback (e.g. 0.0.0.0) without a token a warning is printed (default: 127.0.0.1)' },
    { flags: '--token-stdin', description: 'read the accepted tokens from standard input, one per line (they never appear in ps)' },
    {
      flags: '--token <token>',
      description: 'accept this token (repeat for several; visible in ps: prefer --token-stdin or COLDATOM_SERVE_TOKENS=t1,t2; default: no token needed)',
      repeatable: true,
    },
    { flags: '--backends <names>', description: 'comma-separated backends to serve (default: every local simulator; `coldatom backends` lists them)' },
    { flags: '--max-shots-per-job <n>', description: "largest sum of shots over a job's experiments; larger jobs get HTTP 413 (default: 10000000)" },
    { flags: '--result-memory-mb <n>', description: 'finished results held in memory, in all; older ones spill to --data-dir (default: 64)' },
    { flags: '--result-disk-mb <n>', description: 'finished results held on disk, in all; beyond it the oldest jobs are forgotten (default: 2048)' },
    { flags: '--result-max-age <seconds>', description: 'how long a finished result is kept before its job is forgotten (default: 86400)' },
    { flags: '--data-dir <dir>', description: "folder for the server's data directory of spilled results, removed on exit (default: the system temp folder)" },
    { flags: '--headers-timeout <seconds>', description: "longest wait for a request's headers before answering 408 and closing (default: 10)" },
    { flags: '--request-timeout <seconds>', description: 'longest wait for a whole request, headers and body (default: 30)' },
    { flags: '--max-connections <n>', description: 'open connections in all; more get HTTP 503 (default: 1024)' },
    { flags: '--max-connections-per-client <n>', description: 'open connections from one address; more get HTTP 503 (default: 128)' },
    {
      flags: '--cors-origin <origin>',
      description: 'let web pages on this origin call the server (CORS; e.g. http://localhost:5173, or * for any page; repeat for several; default: off)',
      repeatable: true,
    },
  ],
  examples: [
    'coldatom serve --port 8000',
    'coldatom serve --port 0 --token-stdin --backends singlequdit,fermions < tokens.txt',
    'COLDATOM_SERVE_TOKENS="$(cat token.txt)" coldatom serve --host 0.0.0.0 --data-dir /var/tmp --result-disk-mb 8192',
    'coldatom serve --cors-origin http://localhost:5173 --token-stdin < tokens.txt',
  ],
  action: lazyAction(async () => (await import('./serve.js')).serve),
});

/** `coldatom backends [hostUrl]`: the local simulators, or every backend an API root serves. */
const backendsCommand = defineCommand({
  name: 'backends',
  summary: 'list the local simulators, or the backends a server offers (GET <api root>/backends)',
  arguments: [{ name: '[hostUrl]', description: 'API root such as https://qlued.alqor.io/api/v3 (default: the local simulators)' }],
  options: [jsonFlag],
  examples: ['coldatom backends', 'coldatom backends https://qlued.alqor.io/api/v3 --json'],
  action: lazyAction(async () => (await import('./backend-info.js')).backends),
});

/** `coldatom config <backend>`: the backend's `get_config`. */
const configCommand = defineCommand({
  name: 'config',
  summary: "show a backend's configuration: gates, parameters, coupling maps, limits",
  arguments: [{ name: '<backend>', description: 'local:<name> or a backend base URL' }],
  options: [jsonFlag],
  examples: ['coldatom config local:fermions', 'coldatom config https://qlued.alqor.io/api/v3/singlequdit --json'],
  action: lazyAction(async () => (await import('./backend-info.js')).config),
});

/** `coldatom status <backend>`: the backend's `get_backend_status`. */
const statusCommand = defineCommand({
  name: 'status',
  summary: 'show whether a backend is operational and how many jobs are pending',
  arguments: [{ name: '<backend>', description: 'local:<name> or a backend base URL' }],
  options: [jsonFlag],
  examples: ['coldatom status https://qlued.alqor.io/api/v3/singlequdit', 'coldatom status local:rydberg --json'],
  action: lazyAction(async () => (await import('./backend-info.js')).status),
});

/** `coldatom login <url> --token-stdin`: saves a token (mode 0600); it is never printed. */
const loginCommand = defineCommand({
  name: 'login',
  summary: 'save the token for a backend base URL or an API root (read from standard input, stored with mode 0600, never printed)',
  arguments: [{ name: '<url>', description: 'backend base URL (…/api/v3/singlequdit) or API root (…/api/v3) the token serves' }],
  options: [{ flags: '--token-stdin', description: 'read the token from standard input' }],
  examples: ['coldatom login https://qlued.alqor.io/api/v3 --token-stdin < ~/alqor-token.txt'],
  action: lazyAction(async () => (await import('./login.js')).login),
});

/** `coldatom logout <url>`: forgets a saved token. */
const logoutCommand = defineCommand({
  name: 'logout',
  summary: 'forget the token saved for a URL',
  arguments: [{ name: '<url>', description: 'the URL given to `coldatom login`' }],
  examples: ['coldatom logout https://qlued.alqor.io/api/v3'],
  action: lazyAction(async () => (await import('./login.js')).logout),
});

/** `coldatom jobs list`: every journaled job, newest last. */
const jobsListCommand = defineCommand({
  name: 'list',
  summary: 'list the journaled jobs with their last known state',
  options: [{ flags: '--json', description: 'print the journal entries as JSON' }],
  examples: ['coldatom jobs list', 'coldatom jobs list --json'],
  action: lazyAction(async () => (await import('./jobs/list.js')).list),
});

/** `coldatom jobs show <id>`: one journaled job, with the server's current status while unfinished. */
const jobsShowCommand = defineCommand({
  name: 'show',
  summary: "show one journaled job (and the server's current status while it is unfinished)",
  arguments: [{ name: '<id>', description: 'job id' }],
  options: [{ flags: '--json', description: 'print JSON' }],
  examples: ['coldatom jobs show 3f0c9a2e61d84b7c9e1a5d20'],
  action: lazyAction(async () => (await import('./jobs/show.js')).show),
});

/** `coldatom jobs resume`: finishes every unfinished journaled job and every interrupted run. */
const jobsResumeCommand = defineCommand({
  name: 'resume',
  summary: 'follow every unfinished journaled job to the end, submit what an interrupted run never sent, and write its result files',
  options: [
    { flags: '--json', description: 'print the outcome of each job and run as JSON' },
    { flags: '--give-up-after <seconds>', description: 'how long to keep polling through an unreachable server (default: 600)' },
    {
      flags: '--resend-unknown',
      description: 'also send experiments whose earlier submission has an unknown outcome (it may have reached the server: they could run twice)',
    },
  ],
  examples: ['coldatom jobs resume', 'coldatom jobs resume --resend-unknown'],
  action: lazyAction(async () => (await import('./jobs/resume.js')).resume),
});

/** `coldatom jobs result <id>`: a job's results as a table (or the raw result JSON). */
const jobsResultCommand = defineCommand({
  name: 'result',
  summary: "print a job's results: a table per scan point, or the raw result JSON with --json",
  arguments: [{ name: '<id>', description: 'job id' }],
  options: [{ flags: '--json', description: 'print the result exactly as the server sent it' }],
  examples: ['coldatom jobs result 3f0c9a2e61d84b7c9e1a5d20', 'coldatom jobs result 3f0c9a2e61d84b7c9e1a5d20 --json > result.json'],
  action: lazyAction(async () => (await import('./jobs/result.js')).result),
});

/** `coldatom jobs export <id> <dir>`: a reproducibility bundle. */
const jobsExportCommand = defineCommand({
  name: 'export',
  summary: 'write a reproducibility bundle: payload, config snapshot, scan metadata, result, journal entry and a manifest of sha256 hashes',
  arguments: [
    { name: '<id>', description: 'job id' },
    { name: '<dir>', description: 'folder to write the bundle into (created if needed)' },
  ],
  examples: ['coldatom jobs export 3f0c9a2e61d84b7c9e1a5d20 bundles/rabi-2026-11-22'],
  action: lazyAction(async () => (await import('./jobs/export.js')).exportJob),
});

/** `coldatom jobs forget <id>`: drops one job from the journal. */
const jobsForgetCommand = defineCommand({
  name: 'forget',
  summary: 'remove a job from the journal (its entry and stored result); an unfinished job only with --force',
  arguments: [{ name: '<id>', description: 'job id' }],
  options: [{ flags: '--force', description: 'forget it even if it has not finished (the journal is the only record that it exists)' }],
  examples: ['coldatom jobs forget 8780f5ec7eb242668600dead'],
  action: lazyAction(async () => (await import('./jobs/forget.js')).forget),
});

/** `coldatom jobs prune --older-than 30d`: forgets old finished jobs. */
const jobsPruneCommand = defineCommand({
  name: 'prune',
  summary: 'forget finished jobs (DONE, ERROR, LOST) last updated before a time; unfinished jobs are never pruned',
  options: [
    { flags: '--older-than <duration>', description: 'e.g. 30d, 12h, 90m (required)' },
    { flags: '--dry-run', description: 'list what would be forgotten, forget nothing' },
  ],
  examples: ['coldatom jobs prune --older-than 30d', 'coldatom jobs prune --older-than 12h --dry-run'],
  action: lazyAction(async () => (await import('./jobs/forget.js')).prune),
});

/** `coldatom jobs …`: the journal of submitted jobs. */
const jobsCommand = defineCommand({
  name: 'jobs',
  summary: 'the journal of submitted jobs: list, show, resume, result, export, forget, prune',
  examples: ['coldatom jobs list', 'coldatom jobs resume', 'coldatom jobs export <id> bundle/'],
  subcommands: [jobsListCommand, jobsShowCommand, jobsResumeCommand, jobsResultCommand, jobsExportCommand, jobsForgetCommand, jobsPruneCommand],
});

/** Every `coldatom` command, in the order `--help` lists them. */
export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = [
  runCommand,
  compileCommand,
  probsCommand,
  serveCommand,
  backendsCommand,
  configCommand,
  statusCommand,
  jobsCommand,
  loginCommand,
  logoutCommand,
];
