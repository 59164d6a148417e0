/**
 * The packaging test: what a user outside our workspace gets. Packs every package with pnpm (as a
 * release does), installs the tarballs with npm into a fresh project in the system temp folder
 * (beside a user's own rxjs 7.8.1), and there:
 *   - checks each tarball: LICENSE, no build info, no `workspace:` ranges, engines, repository,
 *     public access, the JSON Schemas its `exports` promise;
 *   - (a) runs the README quickstart with plain node, and checks that plain node loads core and
 *     backend-config from their Node bundles (`dist/node`), with one error class across entries;
 *   - (b) type-checks the quickstart, every `examples/*.ts` and every README code block
 *     (`examples/readme/*.ts`) with `strict`, under `nodenext` and under `bundler`;
 *   - (c) runs the installed `coldatom` bin on an example spec, on a spec whose circuit is a `.ts`
 *     module, and into a pipe closed after the first line;
 *   - (d) bundles a small app that runs a `local:` job into one file with esbuild and runs that file
 *     from a folder with no node_modules, to DONE;
 *   - (e) bundles an app importing core and the circuit plugin for `platform=browser` (quantum-circuit
 *     and mathjs left to the page) and for `platform=node`, and checks the browser bundle's size.
 * Prints one line per check and `packaging: N passed, N failed`; exits 1 when any check failed.
 * Run after `pnpm build`: `pnpm test:packaging` (`.ci/run` does).
 */
import { execFileSync, spawn, type ExecFileSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { Checklist, assert } from './support/checklist.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['backend-config', 'core', 'circuit-plugin', 'simulator', 'cli'] as const;
/** Each package's published schemas, by its short name (the list `prepack` copies from). */
const SCHEMAS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(path.join(ROOT, 'schemas/owners.json'), 'utf8')) as Record<string, string[]>).map(([pkg, files]) => [
    pkg.replace('@coldatom/', ''),
    files,
  ]),
);
/** The user's own rxjs: older than ours, inside our peer range, so it must be the only copy. */
const USER_RXJS = '7.8.1';
const DEV_VERSIONS = { typescript: '5.9.3', '@types/node': '20.19.43', esbuild: '0.28.2' } as const;
const STEP_TIMEOUT_MS = 240_000;
/** Issue 15's budget for core + circuit-plugin in a browser bundle (quantum-circuit and mathjs excluded). */
const BROWSER_BUNDLE_BUDGET_BYTES = 150 * 1024;

const checks = new Checklist('packaging');
const check = (name: string, run: () => void): Promise<void> => checks.check(name, run);
const checkAsync = (name: string, run: () => Promise<void>): Promise<void> => checks.check(name, run);

/** Runs a command; its output becomes the error message when it fails. */
function run(command: string, args: readonly string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', timeout: STEP_TIMEOUT_MS, ...options }).toString();
  } catch (error) {
    const e = error as { stdout?: Buffer | string; stderr?: Buffer | string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${String(e.stdout ?? '')}\n${String(e.stderr ?? '')}`);
  }
}

const work = mkdtempSync(path.join(tmpdir(), 'coldatom-packaging-'));
const tarballs = path.join(work, 'tarballs');
const app = path.join(work, 'app');
mkdirSync(tarballs);
mkdirSync(app);

// Pack: pnpm, as a release does (it turns `workspace:^` into real ranges and runs `prepack`).
const tarballOf: Record<string, string> = {};
for (const name of PACKAGES) {
  const before = new Set(readdirSync(tarballs));
  run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: path.join(ROOT, 'packages', name) });
  const created = readdirSync(tarballs).find((f) => !before.has(f));
  assert(created, `pnpm pack wrote no tarball for ${name}`);
  tarballOf[name] = path.join(tarballs, created);
}

for (const name of PACKAGES) {
  await check(`@coldatom/${name} tarball: LICENSE, no build info, no workspace ranges, complete manifest, its schemas`, () => {
    const files = run('tar', ['-tzf', tarballOf[name]!]).split('\n').filter(Boolean);
    assert(files.includes('package/LICENSE'), 'no LICENSE');
    assert(files.includes('package/README.md') && files.includes('package/CHANGELOG.md'), 'no README.md or CHANGELOG.md');
    const buildInfo = files.filter((f) => f.includes('tsbuildinfo'));
    assert(buildInfo.length === 0, `build info shipped: ${buildInfo.join(', ')}`);
    const manifestText = run('tar', ['-xzOf', tarballOf[name]!, 'package/package.json']);
    assert(!manifestText.includes('workspace:'), 'a workspace: range is left in package.json');
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    for (const field of ['engines', 'repository', 'homepage', 'bugs', 'license']) assert(manifest[field] !== undefined, `package.json has no ${field}`);
    assert((manifest.publishConfig as { access?: string } | undefined)?.access === 'public', 'publishConfig.access is not public');
    for (const schema of SCHEMAS[name] ?? []) assert(files.includes(`package/schemas/${schema}`), `schemas/${schema} missing`);
  });
}

// A user's project: plain npm, our tarballs, their own rxjs, TypeScript and esbuild.
writeFileSync(
  path.join(app, 'package.json'),
  `${JSON.stringify(
    {
      name: 'coldatom-user-app',
      private: true,
      type: 'module',
      dependencies: { ...Object.fromEntries(PACKAGES.map((n) => [`@coldatom/${n}`, `file:${tarballOf[n]}`])), rxjs: USER_RXJS },
      devDependencies: DEV_VERSIONS,
    },
    null,
    2,
  )}\n`,
);
const installed = (() => {
  try {
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, timeout: 600_000 });
    return true;
  } catch (error) {
    checks.fail('npm installs the tarballs into a fresh project', error);
    return false;
  }
})();

if (installed) {
  await check(`one rxjs (the user's ${USER_RXJS}) and one zod in the installed tree`, () => {
    for (const [pkg, expected] of [
      ['rxjs', USER_RXJS],
      ['zod', undefined],
    ] as const) {
      const copies = run('npm', ['ls', pkg, '--all', '--parseable'], { cwd: app })
        .split('\n')
        .filter((l) => l.endsWith(`node_modules/${pkg}`));
      assert(copies.length === 1, `${copies.length} copies of ${pkg}: ${copies.join(', ')}`);
      if (expected) {
        const version = (JSON.parse(readFileSync(path.join(copies[0]!, 'package.json'), 'utf8')) as { version: string }).version;
        assert(version === expected, `${pkg} ${version}, expected the user's ${expected}`);
      }
    }
  });

  await check('the JSON Schemas resolve through the packages’ exports', () => {
    const script = Object.entries(SCHEMAS)
      .flatMap(([pkg, files]) => files.map((f) => `JSON.parse(require('node:fs').readFileSync(require.resolve('@coldatom/${pkg}/schemas/${f}'), 'utf8')).$id`))
      .join(',');
    const ids = run(process.execPath, ['-e', `console.log([${script}].join('\\n'))`], { cwd: app })
      .trim()
      .split('\n');
    assert(ids.length === 6 && ids.every((id) => id.startsWith('https://')), `unexpected $ids: ${ids.join(', ')}`);
  });

  // The examples and README blocks, as a user would have them in their project.
  const sources = path.join(app, 'src');
  mkdirSync(path.join(sources, 'readme'), { recursive: true });
  const exampleFiles = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ts'));
  for (const file of exampleFiles) copyFileSync(path.join(ROOT, 'examples', file), path.join(sources, file));
  for (const file of readdirSync(path.join(ROOT, 'examples/readme')))
    copyFileSync(path.join(ROOT, 'examples/readme', file), path.join(sources, 'readme', file));

  for (const resolution of ['nodenext', 'bundler'] as const) {
    await check(`tsc --noEmit, strict, moduleResolution ${resolution}: quickstart, examples/*.ts and every README block`, () => {
      const compilerOptions = {
        strict: true,
        target: 'es2022',
        lib: ['es2023', 'dom'],
        module: resolution === 'nodenext' ? 'nodenext' : 'esnext',
        moduleResolution: resolution,
        types: ['node'],
        noEmit: true,
        skipLibCheck: false,
      };
      const config = path.join(app, `tsconfig.${resolution}.json`);
      writeFileSync(config, JSON.stringify({ compilerOptions, include: ['src'] }, null, 2));
      run(path.join(app, 'node_modules/.bin/tsc'), ['-p', config], { cwd: app });
    });
  }

  await check('(a) the README quickstart runs with plain node', () => {
    const out = path.join(app, 'out');
    writeFileSync(
      path.join(app, 'tsconfig.build.json'),
      JSON.stringify({
        compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', types: ['node'], outDir: out, rootDir: 'src' },
        files: ['src/readme/quickstart.ts'],
      }),
    );
    run(path.join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: app });
    const printed = run(process.execPath, [path.join(out, 'readme/quickstart.js')], { cwd: app });
    assert(/11\/11/.test(printed), `no progress line 11/11 in:\n${printed.slice(0, 400)}`);
    assert(/\{ theta: 3\.14159/.test(printed), `no result for theta = π in:\n${printed.slice(-400)}`);
  });

  await check('(a) plain node loads core and backend-config from their Node bundles, one error class across every entry and package', () => {
    const script = [
      "import { ColdAtomError, JobPayload } from '@coldatom/core';",
      "import { ColdAtomError as FromErrors } from '@coldatom/core/errors';",
      "import { CircuitError, coldAtomCircuit, scan } from '@coldatom/circuit-plugin';",
      "const bundled = ['@coldatom/core', '@coldatom/core/errors', '@coldatom/core/internal', '@coldatom/backend-config'].map((s) => import.meta.resolve(s));",
      "if (!bundled.every((url) => url.includes('/dist/node/'))) throw new Error('not the Node bundles: ' + bundled.join(', '));",
      "if (ColdAtomError !== FromErrors) throw new Error('two ColdAtomError classes');",
      "if (!(new CircuitError('x') instanceof ColdAtomError)) throw new Error('a plugin error is not a ColdAtomError');",
      "const { payload } = scan(coldAtomCircuit('singlequdit').load(0, 5).rlx(0, 't').measure(0), { axes: { t: [1, 2] } }, { shots: 3 });",
      "if (!JobPayload.safeParse(payload).success) throw new Error('the compiled payload does not parse');",
      "console.log('one class');",
    ].join('\n');
    const printed = run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
    assert(printed.includes('one class'), printed.slice(0, 400));
  });

  const coldatom = path.join(app, 'node_modules/.bin/coldatom');
  const specs = path.join(app, 'specs');
  mkdirSync(specs);
  for (const file of ['rabi.json', 'rabi-module.json', 'rabi-circuit.ts']) copyFileSync(path.join(ROOT, 'examples', file), path.join(specs, file));

  for (const spec of ['rabi.json', 'rabi-module.json']) {
    await check(`(c) the installed coldatom bin runs ${spec}${spec.includes('module') ? ' (its circuit is a .ts module)' : ''}`, () => {
      const outDir = path.join(work, `out-${spec}`);
      run(coldatom, ['run', path.join(specs, spec), '--out', outDir, '--quiet'], {
        cwd: app,
        env: { ...process.env, COLDATOM_CONFIG_DIR: path.join(work, 'config') },
      });
      const results = JSON.parse(readFileSync(path.join(outDir, 'results.json'), 'utf8')) as { points: unknown[] };
      assert(results.points.length > 0, 'results.json has no points');
      assert(existsSync(path.join(outDir, 'plot.svg')), 'no plot.svg');
    });
  }

  await checkAsync(
    '(c) coldatom run into a pipe closed after the first line ends quietly with exit 0',
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(coldatom, ['run', path.join(specs, 'rabi.json'), '--out', path.join(work, 'out-pipe')], {
          cwd: app,
          env: { ...process.env, COLDATOM_CONFIG_DIR: path.join(work, 'config') },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.once('data', () => child.stdout.destroy());
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('exit', (code, signal) => {
          clearTimeout(timer);
          if (code === 0 && !/EPIPE|Error/.test(stderr)) resolve();
          else reject(new Error(`exit ${code ?? signal}; stderr:\n${stderr.slice(-800)}`));
        });
      }),
  );

  await check('(d) an app bundled into one file with esbuild (platform node) runs a local: job to DONE', () => {
    const entry = path.join(app, 'bundle-app.mjs');
    writeFileSync(
      entry,
      [
        "import '@coldatom/simulator';",
        "import { backendFor } from '@coldatom/core';",
        "const backend = backendFor('local:singlequdit');",
        "const job = await backend.submitJob({ experiment_0: { instructions: [['load', [0], [5]], ['rlx', [0], [Math.PI]], ['measure', [0], []]], shots: 3, num_wires: 1, wire_order: 'interleaved' } });",
        'const result = await job.wait(); // resolves only once the job is DONE',
        "console.log('DONE ' + result.results[0].data.memory.join(','));",
        '',
      ].join('\n'),
    );
    const bundleDir = path.join(work, 'bundled');
    mkdirSync(bundleDir);
    const bundle = path.join(bundleDir, 'app.mjs');
    run(
      path.join(app, 'node_modules/.bin/esbuild'),
      [
        entry,
        '--bundle',
        '--platform=node',
        '--format=esm',
        `--outfile=${bundle}`,
        '--log-level=error',
        "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      ],
      { cwd: app },
    );
    assert(
      readdirSync(bundleDir).every((f) => f.startsWith('app.mjs')),
      `esbuild wrote more than one file: ${readdirSync(bundleDir).join(', ')}`,
    );
    const printed = run(process.execPath, [bundle], { cwd: bundleDir }).trim();
    assert(printed === 'DONE 5,5,5', `expected "DONE 5,5,5", got: ${printed}`);
  });
  await check('(e) core + circuit-plugin bundle for platform=browser (no Node built-ins) and platform=node', () => {
    const entry = path.join(app, 'browser-app.mjs');
    writeFileSync(
      entry,
      [
        "import { backendFor, IndexedDbJobJournal, sha256Json } from '@coldatom/core';",
        "import { coldAtomCircuit, compileExperiment, scan, linspace } from '@coldatom/circuit-plugin';",
        "const circuit = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);",
        'globalThis.coldatomProbe = { backendFor, IndexedDbJobJournal, sha256Json, circuit, compileExperiment, scan, linspace };',
        '',
      ].join('\n'),
    );
    const esbuild = path.join(app, 'node_modules/.bin/esbuild');
    const browserOut = path.join(work, 'browser-bundle.js');
    const meta = path.join(work, 'browser-meta.json');
    run(
      esbuild,
      [
        entry,
        '--bundle',
        '--platform=browser',
        '--format=esm',
        '--minify',
        `--outfile=${browserOut}`,
        `--metafile=${meta}`,
        '--log-level=error',
        '--external:quantum-circuit',
        '--external:mathjs',
      ],
      { cwd: app },
    );
    const code = readFileSync(browserOut);
    assert(!/from\s*["']node:/.test(code.toString()), 'the browser bundle imports a node: module');
    const gzipped = gzipSync(code).length;
    const inputs = (JSON.parse(readFileSync(meta, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> }).outputs;
    const byPackage = new Map<string, number>();
    for (const output of Object.values(inputs)) {
      for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
        const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.replace(/.*node_modules\/\.pnpm\/[^/]+\//, 'node_modules/'))?.[1] ?? 'app';
        byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
      }
    }
    const top = [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`)
      .join(', ');
    console.log(
      `    browser bundle: ${(code.length / 1024).toFixed(0)} KB minified, ${(gzipped / 1024).toFixed(1)} KB gzip (budget ${BROWSER_BUNDLE_BUDGET_BYTES / 1024} KB); minified bytes by package: ${top}`,
    );
    assert(
      gzipped <= BROWSER_BUNDLE_BUDGET_BYTES,
      `the browser bundle is ${(gzipped / 1024).toFixed(1)} KB gzip, over the ${BROWSER_BUNDLE_BUDGET_BYTES / 1024} KB budget`,
    );
    run(esbuild, [entry, '--bundle', '--platform=node', '--format=esm', `--outfile=${path.join(work, 'node-bundle.mjs')}`, '--log-level=error'], { cwd: app });
  });
}

if (process.env.COLDATOM_KEEP_PACKAGING !== '1') rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
checks.finish();
