import { spawnSync } from 'node:child_process';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BackendConfiguration, BackendList, GateConfig } from '@coldatom/backend-config';
import { lazySchema } from '@coldatom/backend-config/internal';

describe('schemas built on first use (Node)', () => {
  it('importing the packages loads no zod: zod makes its global registry when it loads', () => {
    const code = [
      "await import('@coldatom/core');",
      "if (globalThis.__zod_globalRegistry) throw new Error('zod was loaded at import');",
      "const { JobPayload } = await import('@coldatom/core');",
      "if (!JobPayload.safeParse({}).error) throw new Error('an empty payload parsed');",
      "if (!globalThis.__zod_globalRegistry) throw new Error('zod was not loaded on first use');",
    ].join('\n');
    const child = spawnSync(process.execPath, ['--conditions=@coldatom/source', '--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  });

  it('builds a schema once, the first time anything touches it', () => {
    let builds = 0;
    const Point = lazySchema((zod) => {
      builds++;
      return zod.object({ x: zod.number() });
    });
    expect(builds).toBe(0);
    expect(Point.parse({ x: 1 })).toEqual({ x: 1 });
    expect(Point.safeParse({ x: 'one' }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('is the schema users hold: the same instance zod checks, its id in the registry, inspected as the schema', () => {
    expect(GateConfig).toBeInstanceOf(z.ZodObject);
    expect(GateConfig).toBeInstanceOf(z.ZodType);
    expect(z.globalRegistry.get(GateConfig)?.id).toBe('GateConfig');
    expect(Object.keys(GateConfig.shape)).toEqual(['coupling_map', 'description', 'name', 'parameters', 'qasm_def']);
    expect(inspect(GateConfig)).toMatch(/^ZodObject/);
  });

  it('keeps its id through compositions, with zod functions and with its own methods', () => {
    const composed = z.object({
      gate: GateConfig,
      spare: GateConfig.optional(),
      configs: BackendList,
      extended: BackendConfiguration.extend({ mine: z.string() }),
    });
    const json = z.toJSONSchema(composed) as { properties: Record<string, unknown>; $defs?: Record<string, unknown> };
    expect(Object.keys(json.$defs ?? {}).sort()).toEqual(['BackendConfiguration', 'BackendList', 'GateConfig']);
    expect(json.properties.gate).toEqual({ $ref: '#/$defs/GateConfig' });
    expect(json.properties.spare).toEqual({ $ref: '#/$defs/GateConfig' });
  });
});
