import { describe, expect, it } from 'vitest';
import { BackendConfiguration, BackendList, gateParameters, referenceBackend, referenceBackendNames, referenceBackends } from '@coldatom/backend-config';
import { listVectors, readVector } from '../../../test/support/vectors.js';

describe('BackendConfiguration', () => {
  for (const file of listVectors('configs').filter((f) => !f.endsWith('backends-list.json'))) {
    it(`parses ${file}`, () => {
      expect(BackendConfiguration.safeParse(readVector(file)).success).toBe(true);
    });
  }

  it('parses the /backends list', () => {
    const list = BackendList.parse(readVector('configs/backends-list.json'));
    expect(list.map((c) => c.display_name)).toEqual(['singlequdit', 'multiqudit', 'fermions', 'rydberg']);
    expect(list.every((c) => c.url === null)).toBe(true);
  });

  it('ignores unknown keys instead of failing on them', () => {
    const config = { ...readVector<object>('configs/mot.json'), brand_new_field: { x: 1 } };
    expect(BackendConfiguration.safeParse(config).success).toBe(true);
  });

  it('rejects a config without its gate list', () => {
    const { gates: _gates, ...rest } = readVector<Record<string, unknown>>('configs/singlequdit.json');
    expect(BackendConfiguration.safeParse(rest).success).toBe(false);
  });
});

describe('gateParameters', () => {
  it('splits the comma-joined parameter string servers send', () => {
    const config = BackendConfiguration.parse(readVector('configs/multiqudit.json'));
    const full = config.gates.find((g) => g.name === 'multiqudit_full')!;
    expect(full.parameters).toEqual(['omega, delta, chi, Jxy, Jzz']);
    expect(gateParameters(full)).toEqual(['omega', 'delta', 'chi', 'Jxy', 'Jzz']);
  });

  it('reads the camel-case gates of the 2021 server', () => {
    const config = BackendConfiguration.parse(readVector('configs/legacy/g0-singlequdit.json'));
    expect(config.gates.map((g) => g.name)).toContain('rLx');
  });
});

describe('referenceBackends', () => {
  for (const name of referenceBackendNames) {
    it(`serves ${name}'s config exactly as the reference server does (values and key order)`, () => {
      expect(JSON.stringify(referenceBackends[name].config)).toBe(JSON.stringify(readVector(`configs/${name}.json`)));
    });

    it(`has a rule for every instruction ${name} supports, with the served parameter names in order`, () => {
      const entry = referenceBackends[name];
      expect(Object.keys(entry.instructions).sort()).toEqual([...(entry.config.supported_instructions ?? [])].sort());
      for (const gate of entry.config.gates) {
        expect(entry.instructions[gate.name]!.params.map((p) => p.name)).toEqual(gateParameters(gate));
      }
    });
  }

  it('names an unknown backend and the known ones when asked for it', () => {
    expect(() => referenceBackend('tweezer')).toThrow(/Unknown reference backend "tweezer"; known: singlequdit/);
  });
});
