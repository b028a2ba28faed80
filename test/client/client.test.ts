import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES, clientTypes } from '../../client/codegen/generate.ts';
import { createSlaClient } from '../../client/index.ts';
import { apiHarness, serveApi } from '../api/api-harness.ts';
import { as } from '../support/api-events.ts';
import { openReadAndQueue } from './program.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

/** Runs the project's tsc over `files` (and what they import) with the project's options. */
function typeCheck(files: readonly string[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sla-client-'));
  try {
    const config = join(dir, 'tsconfig.json');
    // Type libraries are looked up from the config's folder unless told where.
    const compilerOptions = { typeRoots: [join(ROOT, 'node_modules', '@types')] };
    writeFileSync(config, JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions, include: files }));
    const tsc = spawnSync(TSC, ['--noEmit', '-p', config], { encoding: 'utf8' });
    return { status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the typed client (client/)', () => {
  it('has types generated from the current document (run `npm run compile-client` after changing it)', async () => {
    expect(readFileSync(CLIENT_TYPES, 'utf8')).toBe(await clientTypes());
  });

  it('type-checks a program that opens a ticket, reads its deadlines and lists the queue, and refuses one that misreads a response', () => {
    const program = fileURLToPath(new URL('./program.ts', import.meta.url));
    expect(typeCheck([program])).toEqual({ status: 0, output: '' });

    const dir = mkdtempSync(join(tmpdir(), 'sla-client-wrong-'));
    try {
      const wrong = join(dir, 'wrong.mts');
      writeFileSync(
        wrong,
        [
          `import { createSlaClient } from '${join(ROOT, 'client', 'index.ts')}';`,
          `const { data } = await createSlaClient('http://127.0.0.1:3000').POST('/tickets', { body: { subject: 's', description: 'd', severity: 'high' } });`,
          'export const n: number | undefined = data?.caseNumber;',
          `export const q = createSlaClient('http://127.0.0.1:3000').POST('/tickets', { body: { subject: 's', severity: 'high' } });`,
        ].join('\n'),
      );
      const checked = typeCheck([wrong]);
      expect(checked.status).not.toBe(0);
      expect(checked.output.split('\n').filter((line) => line.includes('error TS'))).toEqual([
        expect.stringMatching(/wrong\.mts\(3,\d+\): error TS2339: Property 'caseNumber' does not exist/),
        expect.stringMatching(/wrong\.mts\(4,\d+\): error TS2322: /),
      ]);
      expect(checked.output).toMatch(/Property 'description' is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  describe('against the local API', () => {
    const servers: { close(): void }[] = [];
    afterAll(() => {
      for (const server of servers) server.close();
    });

    it('runs the program: the ticket, its deadlines, the queue, and a problem for a refusal', async () => {
      const { handler } = await apiHarness();
      // The server's responses are checked against the contract too, as the API tests' are.
      const server = await serveApi(handler, { customer: as.customer('acme-kore'), agent: as.agent() });
      servers.push(server);

      const result = await openReadAndQueue(server.baseUrl, 'customer', 'agent');
      expect(result.caseId).toBeGreaterThan(0);
      expect(result.due.map(({ kind }) => kind)).toContain('response');
      expect(result.due.every(({ due }) => due === null || !Number.isNaN(Date.parse(due)))).toBe(true);
      expect(result.queued).toContain(result.caseId);
      expect(result.refusedStatus).toBe(403);
      expect(result.refusedProblem).toMatchObject({ status: 403, title: 'Forbidden' });
    });
  });
});

describe('createSlaClient', () => {
  it('sends the bearer token with the caller’s own headers, as a Headers object or a plain one', async () => {
    const seen: Headers[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.headers);
      return new Response('{"status":"ok","time":"2026-03-02T14:00:00.000Z"}', { headers: { 'content-type': 'application/json' } });
    };
    for (const headers of [new Headers({ 'x-trace': 't-1' }), { 'x-trace': 't-1' }]) {
      await createSlaClient('http://api.test', 'tok', { headers, fetch }).GET('/health');
    }
    expect(seen.map((h) => [h.get('authorization'), h.get('x-trace')])).toEqual(Array(2).fill(['Bearer tok', 't-1']));
  });
});
