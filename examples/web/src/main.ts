/**
 * The page: pick a backend (simulated here on Web Workers, or a server), write or load a circuit,
 * define the sweep, run it, watch the jobs and see the scan plotted. State for tests and for the
 * curious is on `window.coldatomPage` and `document.body.dataset.state` (idle, running, done, error).
 */
import '@coldatom/simulator'; // registers local:<name>, simulated on Web Workers in a page
import { referenceBackendNames } from '@coldatom/backend-config';
import { CircuitValidationError } from '@coldatom/circuit-plugin';
import { isColdAtomError } from '@coldatom/core';
import rabi from '../../rabi.json';
import { download, resultsCsv, resultsJson, type ScanResults } from './downloads.js';
import { parseNumber } from './number-input.js';
import type { PointStats } from './point-stats.js';
import { placeMessage, type PlacedProblem } from './qasm-problems.js';
import { drawScan } from './scan-plot.js';
import { runScan, type ScanRequest } from './scan-session.js';

interface Example {
  readonly label: string;
  readonly backend: string;
  readonly qasm: string;
  readonly shots: number;
  readonly seed?: number;
  readonly sweep: Readonly<Record<string, readonly [number, number, number]>>;
}

const EXAMPLES: Readonly<Record<string, Example>> = {
  rabi: {
    label: 'Rabi oscillation (examples/rabi.json)',
    backend: rabi.backend,
    qasm: rabi.circuit.qasm,
    shots: rabi.shots,
    seed: rabi.seed,
    sweep: { theta: rabi.sweep.theta.linspace as [number, number, number] },
  },
};

const $ = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
};

const qasm = $<HTMLTextAreaElement>('qasm');
const gutter = $('qasm-gutter');
const notes = $('qasm-notes');
const sweepBody = $('sweep').querySelector('tbody')!;
const message = $('message');
const runButton = $<HTMLButtonElement>('run');
const progress = $<HTMLProgressElement>('progress');
const progressText = $('progress-text');
const jobList = $('jobs');
const plot = $('plot');

interface PageState {
  state: 'idle' | 'running' | 'done' | 'error';
  results: ScanResults | undefined;
  error: string | undefined;
  problems: readonly PlacedProblem[];
}
const page: PageState = { state: 'idle', results: undefined, error: undefined, problems: [] };
(window as unknown as { coldatomPage: PageState }).coldatomPage = page;

function setState(state: PageState['state']): void {
  page.state = state;
  document.body.dataset.state = state;
  runButton.disabled = state === 'running';
}

// ── The QASM editor: line numbers, and problems beside the lines they name ───────────────────────
function renderGutter(): void {
  const count = qasm.value.split('\n').length;
  const bad = new Map(page.problems.filter((p) => p.line !== undefined).map((p) => [p.line!, p.message]));
  gutter.replaceChildren(
    ...Array.from({ length: count }, (_, i) => {
      const line = Object.assign(document.createElement('div'), { textContent: String(i + 1) });
      if (bad.has(i + 1)) {
        line.className = 'bad';
        line.title = bad.get(i + 1)!;
      }
      return line;
    }),
  );
  gutter.scrollTop = qasm.scrollTop;
}

function showProblems(problems: readonly PlacedProblem[]): void {
  page.problems = problems;
  const lineHeight = parseFloat(getComputedStyle(qasm).lineHeight) || 20;
  notes.replaceChildren(
    ...problems.map((p) => {
      const note = Object.assign(document.createElement('div'), {
        className: p.line === undefined ? 'note general' : 'note',
        textContent: p.message,
        title: p.message,
      });
      if (p.line !== undefined) {
        note.style.top = `${(p.line - 1) * lineHeight - qasm.scrollTop}px`;
        note.dataset.line = String(p.line);
      }
      return note;
    }),
  );
  renderGutter();
}

qasm.addEventListener('input', () => showProblems([]));
qasm.addEventListener('scroll', () => showProblems(page.problems));

// ── The sweep table ──────────────────────────────────────────────────────────────────────────────
function addAxis(name = '', axis: readonly [number | string, number | string, number | string] = ['0', '1', '11']): void {
  const row = document.createElement('tr');
  const cell = (value: string, cls: string): HTMLTableCellElement => {
    const td = document.createElement('td');
    td.append(Object.assign(document.createElement('input'), { value, className: cls }));
    return td;
  };
  const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: '×', title: 'remove' });
  remove.addEventListener('click', () => row.remove());
  const last = document.createElement('td');
  last.append(remove);
  row.append(cell(name, 'name'), cell(String(axis[0]), 'start'), cell(String(axis[1]), 'stop'), cell(String(axis[2]), 'count'), last);
  sweepBody.append(row);
}
$('add-axis').addEventListener('click', () => addAxis(`p${sweepBody.rows.length}`));

function readSweep(): ScanRequest['sweep'] {
  const sweep: Record<string, [number, number, number]> = {};
  for (const row of Array.from(sweepBody.rows)) {
    const value = (cls: string): string => row.querySelector<HTMLInputElement>(`input.${cls}`)!.value;
    const name = value('name').trim();
    const numbers = (['start', 'stop', 'count'] as const).map((cls) => parseNumber(value(cls)));
    if (numbers.some((n) => n === undefined)) throw new Error(`sweep ${name || '(unnamed)'}: start, stop and points must be numbers (pi, 2pi, pi/2 are fine)`);
    sweep[name] = numbers as [number, number, number];
  }
  return sweep;
}

// ── Backend choice and examples ──────────────────────────────────────────────────────────────────
const localName = $<HTMLSelectElement>('local-name');
for (const name of referenceBackendNames) localName.append(new Option(`local:${name}`, `local:${name}`));
const exampleSelect = $<HTMLSelectElement>('example');
for (const [key, example] of Object.entries(EXAMPLES)) exampleSelect.append(new Option(example.label, key));

function loadExample(key: string): void {
  const example = EXAMPLES[key];
  if (!example) return;
  qasm.value = example.qasm;
  $<HTMLInputElement>('shots').value = String(example.shots);
  $<HTMLInputElement>('seed').value = example.seed === undefined ? '' : String(example.seed);
  sweepBody.replaceChildren();
  for (const [name, axis] of Object.entries(example.sweep)) addAxis(name, axis);
  if (example.backend.startsWith('local:')) localName.value = example.backend;
  showProblems([]);
}
exampleSelect.addEventListener('change', () => loadExample(exampleSelect.value));

function target(): { target: string; token?: string } {
  if ($<HTMLInputElement>('backend-local').checked) return { target: localName.value };
  const url = $<HTMLInputElement>('server-url').value.trim();
  if (url === '') throw new Error('Give the server’s backend URL, e.g. http://127.0.0.1:8000/api/v3/singlequdit');
  const token = $<HTMLInputElement>('server-token').value.trim();
  return token === '' ? { target: url } : { target: url, token };
}

// ── Running ──────────────────────────────────────────────────────────────────────────────────────
function problemsOf(error: unknown, text: string): PlacedProblem[] {
  if (error instanceof CircuitValidationError) {
    // One problem per instruction is enough: every scan point repeats the circuit.
    const seen = new Set<string>();
    return error.problems.flatMap((p) => {
      const key = `${p.instructionIndex}:${p.rule}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [placeMessage(text, `${p.message} [${p.rule}]`, p.instructionIndex)];
    });
  }
  const messageText = error instanceof Error ? error.message : String(error);
  const lines = messageText
    .split('\n')
    .filter((l) => /^\s+- /.test(l))
    .map((l) => l.replace(/^\s+- /, ''));
  return lines.length > 0 ? lines.map((l) => placeMessage(text, l)) : [];
}

function showJob(index: number, jobId: string, state: string): void {
  let item = jobList.querySelector<HTMLLIElement>(`li[data-job-index="${index}"]`);
  if (!item) {
    item = document.createElement('li');
    item.dataset.jobIndex = String(index);
    jobList.append(item);
  }
  item.dataset.state = state;
  item.textContent = `job ${index + 1} ${jobId.slice(0, 8)} ${state}`;
}

async function run(): Promise<void> {
  setState('running');
  page.results = undefined;
  page.error = undefined;
  message.className = '';
  message.textContent = 'compiling…';
  jobList.replaceChildren();
  progress.value = 0;
  progressText.textContent = '';
  showProblems([]);
  for (const id of ['download-json', 'download-csv']) $<HTMLButtonElement>(id).disabled = true;
  const points: PointStats[] = [];
  let parameters: readonly string[] = [];
  try {
    const seedText = $<HTMLInputElement>('seed').value.trim();
    const request: ScanRequest = {
      ...target(),
      qasm: qasm.value,
      shots: Number($<HTMLInputElement>('shots').value),
      ...(seedText === '' ? {} : { seed: Number(seedText) }),
      sweep: readSweep(),
    };
    page.results = await runScan(request, {
      onCompiled: (experiments, names) => {
        parameters = names;
        message.textContent = `${experiments} experiments × ${request.shots} shots on ${request.target}`;
      },
      onJob: showJob,
      onProgress: (p) => {
        progress.value = p.experimentsTotal === 0 ? 0 : p.experimentsDone / p.experimentsTotal;
        progressText.textContent = `${p.experimentsDone}/${p.experimentsTotal}`;
      },
      onPoint: (point) => {
        points.push(point);
        drawScan(plot, points, parameters);
      },
    });
    drawScan(plot, page.results.points, page.results.parameters);
    for (const id of ['download-json', 'download-csv']) $<HTMLButtonElement>(id).disabled = false;
    setState('done');
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    page.error = text;
    const problems = problemsOf(error, qasm.value);
    showProblems(problems);
    message.className = 'error';
    // The notes beside the lines are cut to one line each; the full sentences are listed here.
    message.textContent =
      problems.length > 0 && isColdAtomError(error)
        ? [text.split('\n')[0]!, ...problems.map((p) => `${p.line === undefined ? '' : `line ${p.line}: `}${p.message}`)].join('\n')
        : text;
    setState('error');
  }
}

runButton.addEventListener('click', () => void run());
$('download-json').addEventListener('click', () => page.results && download('results.json', resultsJson(page.results), 'application/json'));
$('download-csv').addEventListener('click', () => page.results && download('results.csv', resultsCsv(page.results), 'text/csv'));

exampleSelect.value = 'rabi';
loadExample('rabi');
