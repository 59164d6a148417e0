import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonJson, SimulatorServer } from '@coldatom/simulator';
import { exchange, readVector, useRealNetwork } from './support/simulator-fixtures.js';

useRealNetwork();

const FOUR = ['singlequdit', 'multiqudit', 'fermions', 'rydberg'] as const;

let server: SimulatorServer;
let base: string;
beforeAll(async () => {
  server = new SimulatorServer({ tokens: ['only-for-jobs'] });
  base = await server.listen();
});
afterAll(async () => {
  await server.close();
});

describe('SimulatorServer configurations', () => {
  it.each([...FOUR, 'mot'])('serves the reference config of %s with the v2 url, under v2 and v3, by display name or long name', async (name) => {
    const reference = readVector<Record<string, unknown>>(`configs/${name}.json`);
    const served = { ...reference, url: `${base}/api/v2/alqor_${name}_simulator/` };
    for (const path of [`/api/v2/${name}/get_config`, `/api/v3/${name}/get_config`, `/api/v3/alqor_${name}_simulator/get_config`]) {
      const answer = await exchange(`${base}${path}`);
      expect({ status: answer.status, contentType: answer.contentType, text: answer.text }, path).toEqual({
        status: 200,
        contentType: 'application/json; charset=utf-8',
        text: pythonJson(served),
      });
    }
  });

  it('writes the config url from publicUrl when one is given', async () => {
    const proxied = new SimulatorServer({ publicUrl: 'https://sim.example.org/' });
    const url = await proxied.listen();
    try {
      const config = JSON.parse((await exchange(`${url}/api/v3/rydberg/get_config`)).text) as { url: string };
      expect(config.url).toBe('https://sim.example.org/api/v2/alqor_rydberg_simulator/');
    } finally {
      await proxied.close();
    }
  });

  it('lists the served configs with url null under /backends, in the reference order', async () => {
    const four = new SimulatorServer({ backends: [...FOUR] });
    const url = await four.listen();
    try {
      const expected = readVector<unknown[]>('configs/backends-list.json');
      for (const version of ['v2', 'v3']) {
        expect((await exchange(`${url}/api/${version}/backends`)).text, version).toBe(pythonJson(expected));
      }
      expect((await exchange(`${url}/api/v2/mot/get_config`)).status).toBe(404);
    } finally {
      await four.close();
    }
  });

  it('answers get_backend_status without authentication, exactly as the reference when idle', async () => {
    const vector = readVector<{ raw: string }>('responses/status/backend-status.json');
    for (const version of ['v2', 'v3']) {
      expect(await exchange(`${base}/api/${version}/singlequdit/get_backend_status`)).toMatchObject({ status: 200, text: vector.raw });
    }
  });
});
