/**
 * The browser test: the web page (examples/web) in a real headless Chromium, Debian's, driven by
 * playwright-core (no browser download). It
 *   - installs Debian's chromium when it is missing (`.ci/run` runs as root);
 *   - builds the page with Vite from the packages' dist/ and serves it on 127.0.0.1;
 *   - runs the Rabi example (examples/rabi.json) on the in-browser simulator (Web Workers), and on
 *     `coldatom serve --cors-origin <the page's origin>` with a token (CORS and preflight on);
 *   - checks every plotted point (mean and standard error) against `coldatom run` of the same spec
 *     at the same seed in Node;
 *   - shows a validation error beside the QASM line it names;
 *   - writes docs/web-page.png for the README.
 * Prints one line per check and `browser: N passed, N failed`; exits 1 when any check failed.
 * Run after `pnpm build`: `pnpm test:browser` (`.ci/run` does).
 */
import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Checklist, assert } from './support/checklist.js';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'examples', 'web');
const DIST = path.join(WEB, 'dist');
const CLI = path.join(ROOT, 'packages', 'cli', 'dist', 'bin.js');
const SCREENSHOT = path.join(ROOT, 'docs', 'web-page.png');
const TOKEN = 'browser-test-token';
/** Longest wait for one scan in the page. @unit milliseconds */
const SCAN_TIMEOUT_MS = 60_000;
/** Means and standard errors are the same numbers computed from the same memory; allow float noise only. */
const TOLERANCE = 1e-12;

const checks = new Checklist('browser');
const check = (name: string, run: () => Promise<void>): Promise<void> => checks.check(name, run);

/** Debian's chromium: installed when missing (as root in CI); never a browser download. */
function chromiumPath(): string {
  const found = (): string => execSync('command -v chromium || true', { encoding: 'utf8', shell: '/bin/sh' }).trim();
  if (found() === '') {
    console.log('installing Debian chromium (apt-get)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: '/bin/sh',
      timeout: 600_000,
    });
  }
  const binary = found();
  assert(binary !== '', 'chromium is not installed and apt-get could not install it');
  return binary;
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A static server for the built page on 127.0.0.1 (module workers need a JavaScript MIME type). */
async function servePage(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(DIST, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** `coldatom serve` with CORS for `origin` and a token from stdin; resolves with its URL. */
async function startSimulatorServer(origin: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--cors-origin', origin, '--token-stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.end(`${TOKEN}\n`);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`coldatom serve did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^listening (\S+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`coldatom serve exited (${code}):\n${out}`)));
  });
  return { child, url };
}

interface PlottedPoint {
  readonly x: number;
  readonly mean: number;
  readonly se: number;
}

interface NodePoint {
  readonly values: Readonly<Record<string, number>>;
  readonly mean: readonly number[];
  readonly standardError: readonly number[];
}

/** `coldatom run examples/rabi.json --json` in Node: the reference the page must match. */
function nodeRun(): NodePoint[] {
  const home = mkdtempSync(path.join(tmpdir(), 'coldatom-browser-test-'));
  try {
    const out = execFileSync(process.execPath, [CLI, 'run', path.join(ROOT, 'examples', 'rabi.json'), '--json', '--out', path.join(home, 'out')], {
      encoding: 'utf8',
      env: { ...process.env, COLDATOM_CONFIG_DIR: path.join(home, 'config'), NO_COLOR: '1' },
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return (JSON.parse(out) as { points: NodePoint[] }).points;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Runs the scan the page holds and answers what it plotted. */
async function runInPage(page: Page): Promise<PlottedPoint[]> {
  await page.click('#run');
  // Expressions as strings: this script is type-checked without the DOM library.
  await page.waitForFunction("['done', 'error'].includes(document.body.dataset.state)", undefined, { timeout: SCAN_TIMEOUT_MS });
  const state = { state: await page.getAttribute('body', 'data-state'), message: await page.textContent('#message') };
  assert(state.state === 'done', `the scan ended in ${state.state}: ${state.message}`);
  return page.$$eval('#scan-plot circle.point', (circles) =>
    circles.map((c) => ({ x: Number(c.getAttribute('data-x')), mean: Number(c.getAttribute('data-mean')), se: Number(c.getAttribute('data-se')) })),
  );
}

function compare(plotted: readonly PlottedPoint[], reference: readonly NodePoint[]): void {
  assert(plotted.length === reference.length, `${plotted.length} points plotted, the Node run has ${reference.length}`);
  reference.forEach((point, i) => {
    const got = plotted[i]!;
    const x = point.values.theta!;
    assert(Math.abs(got.x - x) <= TOLERANCE, `point ${i}: theta ${got.x} plotted, ${x} in Node`);
    assert(Math.abs(got.mean - point.mean[0]!) <= TOLERANCE, `point ${i} (theta ${x}): mean ${got.mean} plotted, ${point.mean[0]} in Node`);
    assert(Math.abs(got.se - point.standardError[0]!) <= TOLERANCE, `point ${i} (theta ${x}): s.e. ${got.se} plotted, ${point.standardError[0]} in Node`);
  });
  // A flat line would also agree with a broken reference: the Rabi scan must actually oscillate.
  assert(Math.max(...plotted.map((p) => p.mean)) - Math.min(...plotted.map((p) => p.mean)) > 20, 'the plotted Rabi scan does not oscillate');
}

const started = Date.now();
const cleanups: (() => Promise<void> | void)[] = [];
try {
  const executablePath = chromiumPath();
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', WEB, '--logLevel', 'error'], {
    stdio: 'inherit',
    timeout: 180_000,
  });
  const { server, origin } = await servePage();
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const reference = nodeRun();
  const simulator = await startSimulatorServer(origin);
  cleanups.push(() => {
    simulator.child.kill('SIGTERM');
  });
  const browser: Browser = await chromium.launch({
    executablePath,
    headless: true,
    // Root in CI needs --no-sandbox; the rest keeps Chromium off a network it cannot reach.
    // playwright gives every launch a fresh, empty profile of its own (it refuses --user-data-dir).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  cleanups.unshift(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${origin}/`);
  await page.waitForSelector('#qasm');

  await check('the Rabi example on the in-browser simulator (Web Workers) plots the Node run’s means ± s.e. at seed 7', async () => {
    await page.check('#backend-local');
    compare(await runInPage(page), reference);
    const jobs = await page.$$eval('#jobs li', (items) => items.map((li) => li.getAttribute('data-state')));
    assert(jobs.length > 0 && jobs.every((s) => s === 'DONE'), `job states shown: ${jobs.join(', ')}`);
    const progress = await page.$eval('#progress', (p) => (p as unknown as { readonly value: number }).value);
    assert(progress === 1, `progress bar at ${progress}`);
    const workerUrls = page.workers().map((w) => w.url());
    assert(
      workerUrls.some((u) => u.includes('simulation-web-worker')),
      `no simulation Web Worker ran (workers: ${workerUrls.join(', ') || 'none'})`,
    );
    // The README's picture: the finished Rabi scan in the page.
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  await check('the same scan on `coldatom serve --cors-origin` (token, preflight) plots the same points', async () => {
    await page.check('#backend-server');
    await page.fill('#server-url', `${simulator.url}/api/v3/singlequdit`);
    await page.fill('#server-token', TOKEN);
    compare(await runInPage(page), reference);
  });

  await check('Chromium lets the allowed origin send the token (a preflighted request) and blocks another origin', async () => {
    // playwright does not report preflights as requests; what they decide is what a page sees.
    const probe = async (from: Page): Promise<string> =>
      from.evaluate(
        async ([url, token]) => {
          try {
            return String((await fetch(url!, { headers: { authorization: `Bearer ${token}` } })).status);
          } catch {
            return 'blocked';
          }
        },
        [`${simulator.url}/api/v3/singlequdit/get_job_status?job_id=nope`, TOKEN],
      );
    const allowed = await probe(page);
    assert(allowed === '406', `from ${origin}: ${allowed} (expected the server's 406 for an unknown job)`);
    // Same page, same port, another origin (localhost is not 127.0.0.1 to a browser).
    const other = await browser.newPage();
    try {
      await other.goto(origin.replace('127.0.0.1', 'localhost'));
      const blocked = await probe(other);
      assert(blocked === 'blocked', `from another origin: ${blocked} (expected the browser to block it)`);
    } finally {
      await other.close();
    }
  });

  await check('the downloads hold the plotted results (JSON and CSV)', async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    const body = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { points: NodePoint[] };
    assert(body.points.length === reference.length && body.points[3]!.mean[0] === reference[3]!.mean[0], 'results.json does not hold the plotted means');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\n');
    assert(
      lines[0]!.startsWith('experiment,job_id,theta,shots,mean_0,se_0') && lines.length === reference.length + 1,
      `results.csv: ${lines.slice(0, 2).join(' | ')}`,
    );
  });

  await check('a validation error appears beside the QASM line it names', async () => {
    const broken = (await page.inputValue('#qasm')).replace('load(50) q[0];', 'load(50) q[0];\nrlx(99) q[0];');
    await page.fill('#qasm', broken);
    await page.click('#run');
    await page.waitForFunction("document.body.dataset.state === 'error'", undefined, { timeout: SCAN_TIMEOUT_MS });
    const line = broken.split('\n').indexOf('rlx(99) q[0];') + 1;
    const note = await page.$eval(`#qasm-notes .note[data-line="${line}"]`, (n) => n.textContent ?? '').catch(() => '');
    assert(note !== '', `no note beside line ${line}; notes: ${await page.$eval('#qasm-notes', (n) => n.textContent)}`);
    const marked = await page.$$eval('#qasm-gutter div.bad', (lines) => lines.map((l) => l.textContent));
    assert(marked.includes(String(line)), `gutter marks ${marked.join(', ')}, not ${line}`);
  });

  await check('no uncaught errors in the page', async () => {
    assert(pageErrors.length === 0, pageErrors.join('\n'));
  });
} catch (error) {
  checks.fail('setting up the browser test', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch {
      // Best effort: the next cleanup still runs.
    }
  }
}
console.log(`browser test took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshot: ${path.relative(ROOT, SCREENSHOT)}`);
checks.finish();
// Ends what a page or server may still hold open.
process.exit(process.exitCode);
