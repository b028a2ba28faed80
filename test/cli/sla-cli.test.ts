import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../bin/cli.ts';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function sla(args: string[], stdin = ''): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: () => stdin });
  return { code, stdout, stderr };
}

/** A command line as the shell splits it (no quoting needed here). */
const words = (line: string): string[] => line.split(' ');

const dir = mkdtempSync(join(tmpdir(), 'sla-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const BERLIN = file(
  'berlin.yaml',
  `timezone: Europe/Berlin
hours: { mon: ["08:30-17:00"], tue: ["08:30-17:00"], wed: ["08:30-17:00"], thu: ["08:30-17:00"], fri: ["08:30-17:00"] }
holidays: { country: DE, region: NI }
`,
);

/** The documented NETCOR example: critical, opened on Maundy Thursday afternoon. */
const NETCOR_PLAN = words('plan --policy netcor --severity critical --tier standard --at 2026-04-02T13:00:00Z --json');

describe('sla CLI', () => {
  describe('plan', () => {
    it('prints the NETCOR critical plan as JSON, skipping the Easter holidays of Lower Saxony', async () => {
      const { code, stdout } = await sla(NETCOR_PLAN);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({
        policy: { id: 'netcor', version: 1 },
        zone: 'Europe/Berlin',
        deadlines: [
          { kind: 'response', due: '2026-04-07T08:30:00.000Z', page: ['tier1'] },
          { kind: 'update', due: '2026-04-07T13:00:00.000Z', page: ['tier1'] },
        ],
      });
    });

    it('lists roles as ids and escalation levels in the JSON', async () => {
      const { stdout } = await sla(words('plan --policy kore --severity urgent --tier basic --region us --at 2026-03-02T14:00:00Z --json'));
      const plan = JSON.parse(stdout) as { deadlines: Array<Record<string, unknown>> };
      expect(plan.deadlines[0]).toEqual({
        kind: 'escalation',
        due: '2026-03-02T14:00:00.000Z',
        level: 1,
        assign: 'tier2',
        page: ['manager'],
        notify: ['director', 'vp'],
      });
      expect(
        plan.deadlines.map((d) => Object.keys(d).every((k) => ['kind', 'due', 'level', 'assign', 'page', 'notify'].includes(k))),
      ).not.toContain(false);
    });

    it('prints a readable timeline by default', async () => {
      const { stdout } = await sla(['plan', '--policy', 'kore', '--severity', 'urgent', '--tier', 'basic', '--at', '2026-03-02T14:00:00Z']);
      expect(stdout).toMatch(/\+2h\s+2026-03-02T16:00:00.000Z {2}escalation 2: page director/);
      expect(stdout).toContain('+15m');
    });

    it('says that a plan without SLA has no deadlines, and gives no response entry in JSON', async () => {
      expect(
        (await sla(['plan', '--policy', 'tiered', '--severity', 'normal', '--tier', 'basic', '--at', '2026-03-02T14:00:00Z'])).stdout,
      ).toContain('has no SLA');
      const { stdout } = await sla(words('plan --policy kolmisoft --severity high --tier none --at 2026-03-02T14:00:00Z --json'));
      expect(JSON.parse(stdout)).toEqual({ policy: { id: 'kolmisoft', version: 1 }, deadlines: [] });
    });

    it('reads a policy from a file', async () => {
      const policy = file(
        'acme.yaml',
        'id: acme\nversion: 2\nname: ACME\nroles: { tier1: { name: T1 } }\ntiers: { gold: {} }\nseverities:\n  high: { calendar: 24x7, tiers: { gold: { response: 90m } } }\n',
      );
      const { stdout } = await sla(['plan', '--policy', policy, ...words('--severity high --tier gold --at 2026-03-02T14:00:00Z --json')]);
      expect(JSON.parse(stdout)).toEqual({
        policy: { id: 'acme', version: 2 },
        zone: 'UTC',
        deadlines: [{ kind: 'response', due: '2026-03-02T15:30:00.000Z', page: ['tier1'] }],
      });
    });
  });

  describe('validate', () => {
    it('says ok for every preset and for calendar files', async () => {
      for (const preset of ['kore', 'kidzonet', 'netcor', 'tiered', 'kolmisoft'])
        expect(await sla(['validate', preset])).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
      expect((await sla(['validate', BERLIN])).stdout).toBe('ok\n');
    });

    it('lists every error with its field and exits 1', async () => {
      const bad = file(
        'bad.yaml',
        'id: bad\nversion: 1\nname: Bad\nroles: { tier1: { name: T1 } }\ntiers: { gold: {} }\nseverities:\n  high: { calendar: 24x7, escalation: [{ at: 1h, page: [ceo] }], tiers: { gold: { response: -1h } } }\n',
      );
      const { code, stderr } = await sla(['validate', bad]);
      expect(code).toBe(1);
      expect(stderr).toContain('severities.high.tiers.gold.response: expected a duration like "4h"');
      expect(stderr).toContain('bad.yaml');
    });
  });

  describe('calendar', () => {
    it('adds working minutes and measures working time', async () => {
      expect(
        (await sla(['calendar', 'add', '--calendar', BERLIN, '--at', '2026-04-02T13:00:00Z', '--minutes', '240', '--json'])).stdout,
      ).toBe('{"due":"2026-04-07T08:30:00.000Z"}\n');
      expect((await sla(['calendar', 'add', '--calendar', BERLIN, '--at', '2026-04-02T13:00:00Z', '--minutes', '240'])).stdout).toBe(
        '2026-04-07T08:30:00.000Z\n',
      );
      expect(
        (await sla(['calendar', 'between', '--calendar', BERLIN, '--from', '2026-04-02T13:00:00Z', '--to', '2026-04-07T08:30:00Z'])).stdout,
      ).toBe('{"minutes":240}\n');
    });

    it('picks a named calendar from a policy', async () => {
      const { stdout } = await sla(
        words('calendar add --policy kolmisoft --calendar office --at 2026-07-03T15:30:00Z --minutes 60 --json'),
      );
      expect(stdout).toBe('{"due":"2026-07-06T07:30:00.000Z"}\n'); // Fri 17:30 +02:00: 30 min left, Mon 09:00 +02:00 + 30 min
    });

    it('answers a batch line by line in order, flagging bad lines', async () => {
      const input = [
        '{"at":"2026-04-02T13:00:00Z","minutes":240}',
        '{"at":"nope","minutes":1}',
        '',
        '{"at":"2026-03-02T07:30:00.250Z","minutes":30}',
      ].join('\n');
      const { code, stdout } = await sla(['calendar', 'add', '--calendar', BERLIN, '--batch'], input);
      expect(code).toBe(1);
      expect(stdout.trim().split('\n')).toEqual([
        '{"due":"2026-04-07T08:30:00.000Z"}',
        '{"error":"line 2: at: expected an ISO-8601 instant with a zone, like \\"2026-04-02T13:00:00Z\\""}',
        '{"due":"2026-03-02T08:00:00.250Z"}',
      ]);
    });
  });

  describe('bad invocations', () => {
    it.each([
      [['plan', '--policy', 'kore', '--bogus'], 2, "Unknown option '--bogus'"],
      [
        ['plan', '--policy', 'kore', '--severity', 'urgent', '--tier', 'basic', '--at', '2026-02-30T10:00:00Z'],
        2,
        '--at: expected an ISO-8601 instant',
      ],
      [
        ['plan', '--policy', 'kore', '--severity', 'urgent', '--tier', 'basic', '--at', '2026-03-02 10:00'],
        2,
        '--at: expected an ISO-8601 instant',
      ],
      [['plan', '--policy', 'kore', '--severity', 'urgent', '--tier', 'basic'], 2, '--at is required'],
      [
        ['plan', '--policy', 'kore', '--severity', 'urgent', '--tier', 'gold', '--at', '2026-03-02T10:00:00Z'],
        1,
        'tiers: diamond, premium, select, basic',
      ],
      [
        ['plan', '--policy', 'kore', '--severity', 'urgent', '--tier', 'basic', '--region', 'mars', '--at', '2026-03-02T10:00:00Z'],
        1,
        'no region "mars"',
      ],
      [
        ['plan', '--policy', '/nonexistent.yaml', '--severity', 'a', '--tier', 'b', '--at', '2026-03-02T10:00:00Z'],
        1,
        'no such file (and not a preset)',
      ],
      [['calendar', 'add', '--calendar', BERLIN, '--at', '2026-03-02T10:00:00Z', '--minutes', 'soon'], 2, '--minutes: expected a number'],
      [['calendar', 'tomorrow'], 2, 'unknown calendar command'],
      [['frobnicate'], 2, 'unknown command "frobnicate"'],
    ])('%j exits %i with a message', async (args, exit, message) => {
      const { code, stderr } = await sla(args as string[]);
      expect(code).toBe(exit);
      expect(stderr).toContain(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('as a process', () => {
    const entry = join(import.meta.dirname, '../../bin/sla.ts');

    it('exits with the status and prints no stack trace', () => {
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', entry, 'plan', '--policy', 'nope', '--severity', 'a', '--tier', 'b', '--at', '2026-03-02T10:00:00Z'],
        {
          encoding: 'utf8',
        },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('sla: cannot read nope');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('answers the documented npm command with the NETCOR due time', () => {
      const out = execFileSync('npm', ['run', '--silent', 'sla', '--', ...NETCOR_PLAN], {
        encoding: 'utf8',
        cwd: join(import.meta.dirname, '../..'),
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(JSON.parse(out).deadlines[0]).toEqual({ kind: 'response', due: '2026-04-07T08:30:00.000Z', page: ['tier1'] });
    });
  });
});
