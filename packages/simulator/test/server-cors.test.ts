/**
 * Issue 15 (3): the server answers web pages on other origins only when asked to (`corsOrigin`),
 * answers their preflights, and still takes tokens only where the protocol puts them. Raw fetch on
 * 127.0.0.1 plays the browser (Node's fetch sends the Origin header it is given).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CorsOriginError, SimulatorServer, type SimulatorServerOptions } from '@coldatom/simulator';
import { useRealNetwork } from './support/simulator-fixtures.js';

useRealNetwork();

const PAGE = 'http://localhost:5173';
const servers: SimulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: SimulatorServerOptions): Promise<string> {
  const server = new SimulatorServer(options);
  servers.push(server);
  return server.listen();
}

const preflight = (url: string, origin: string, method = 'POST', headers = 'authorization, content-type'): Promise<Response> =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });

const payload = {
  e: {
    instructions: [
      ['load', [0], [50]],
      ['measure', [0], []],
    ],
    shots: 3,
    num_wires: 1,
    wire_order: 'interleaved',
    seed: 1,
  },
};

describe('SimulatorServer CORS', () => {
  it('is off by default: no CORS headers, and a preflight gets the reference 405', async () => {
    const base = await start({});
    const res = await fetch(`${base}/api/v3/singlequdit/get_config`, { headers: { origin: PAGE } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(`${base}/api/v3/singlequdit/post_job`, PAGE);
    expect(pre.status).toBe(405);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight from an allowed origin with methods, headers and max-age', async () => {
    const base = await start({ corsOrigin: [PAGE, 'https://lab.example'], corsMaxAgeSeconds: 120 });
    const res = await preflight(`${base}/api/v3/singlequdit/post_job`, PAGE);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    expect(res.headers.get('access-control-max-age')).toBe('120');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin');
    expect(await res.text()).toBe('');
  });

  it('refuses preflights from other origins and for other methods (no CORS headers)', async () => {
    const base = await start({ corsOrigin: PAGE });
    for (const [origin, method] of [
      ['http://evil.example', 'POST'],
      [PAGE, 'DELETE'],
      ['http://localhost:5174', 'GET'],
    ] as const) {
      const res = await preflight(`${base}/api/v3/singlequdit/post_job`, origin, method);
      expect(res.status).toBe(405);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('marks answers to an allowed origin readable, with Retry-After exposed; others not', async () => {
    const base = await start({ corsOrigin: PAGE, tokens: ['secret'] });
    const ok = await fetch(`${base}/api/v3/singlequdit/post_job`, {
      method: 'POST',
      headers: { origin: PAGE, authorization: 'Bearer secret', 'content-type': 'application/json' },
      body: JSON.stringify({ payload }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(ok.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const { job_id: jobId } = (await ok.json()) as { job_id: string };
    // Errors are readable too, so a page can show the server's words.
    const denied = await fetch(`${base}/api/v3/singlequdit/get_job_status?job_id=${jobId}`, { headers: { origin: PAGE, authorization: 'Bearer wrong' } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(PAGE);
    const other = await fetch(`${base}/api/v3/singlequdit/get_config`, { headers: { origin: 'http://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
  });

  it('takes v3 tokens only from the Authorization header, never from the query string', async () => {
    const base = await start({ corsOrigin: PAGE, tokens: ['secret'] });
    const res = await fetch(`${base}/api/v3/singlequdit/get_job_status?job_id=abc&token=secret`, { headers: { origin: PAGE } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: 'Unauthorized' });
    const post = await fetch(`${base}/api/v3/singlequdit/post_job?token=secret`, {
      method: 'POST',
      headers: { origin: PAGE },
      body: JSON.stringify({ payload }),
    });
    expect(post.status).toBe(401);
  });

  it('allows any page with "*", without credentials and without Vary', async () => {
    const base = await start({ corsOrigin: '*' });
    const pre = await preflight(`${base}/api/v3/singlequdit/get_job_status`, 'http://anything.example', 'GET', 'authorization');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await fetch(`${base}/api/v3/backends`, { headers: { origin: 'http://anything.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toBeNull();
  });

  it('refuses what is not an exact origin, and "*" among others, at construction', () => {
    for (const corsOrigin of ['http://localhost:5173/', 'localhost:5173', 'http://x.example/path', 'ftp://x.example', 'null', ['*', PAGE], []]) {
      expect(() => new SimulatorServer({ corsOrigin })).toThrow(CorsOriginError);
    }
  });
});
