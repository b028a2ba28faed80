import { describe, expect, it } from 'vitest';
import {
  byDue,
  type Deadline,
  deadlineLabel,
  entriesInOrder,
  ladderOf,
  replanRows,
  type TimelineEntry,
} from '../../web/src/lib/deadline-view.ts';

const deadline = (d: Partial<Deadline> & Pick<Deadline, 'id' | 'kind'>): Deadline => ({
  due: '2026-03-02T08:15:00.000Z',
  state: 'pending',
  ...d,
});

let seq = 0;
const notified = (at: string, detail: Record<string, string>): TimelineEntry => ({
  seq: ++seq,
  at,
  type: 'notified',
  actor: { kind: 'system', id: 'sla-escalator' },
  detail,
});

/** A KORE urgent ticket opened at 08:00 UTC: step 1 fired at once, steps 2 and 3 still to come. */
const kore: Deadline[] = [
  deadline({
    id: 'escalation.urgent.1',
    kind: 'escalation',
    level: 1,
    due: '2026-03-02T08:00:00.000Z',
    state: 'breached',
    assign: 'tier2',
    page: ['manager', 'oncall'],
    notify: ['director', 'vp'],
  }),
  deadline({ id: 'response', kind: 'response', due: '2026-03-02T08:15:00.000Z' }),
  deadline({
    id: 'escalation.urgent.3',
    kind: 'escalation',
    level: 3,
    due: '2026-03-02T12:00:00.000Z',
    page: ['vp', 'oncall'],
    notify: [],
  }),
  deadline({
    id: 'escalation.urgent.2',
    kind: 'escalation',
    level: 2,
    due: '2026-03-02T10:00:00.000Z',
    page: ['director'],
    notify: ['manager'],
  }),
  deadline({ id: 'update.1.1', kind: 'update', due: '2026-03-02T10:00:00.000Z' }),
];

describe('deadlineLabel', () => {
  it('names each kind as the queue and ticket page show it', () => {
    expect(deadlineLabel({ kind: 'response' })).toBe('response');
    expect(deadlineLabel({ kind: 'escalation', level: 2 })).toBe('escalation 2');
    expect(deadlineLabel({ kind: 'update' })).toBe('update');
    expect(deadlineLabel({ kind: 'resolution' })).toBe('resolution');
    expect(deadlineLabel({ kind: 'escalation', trigger: 'customer' })).toBe('escalation on demand (customer)');
  });

  it('names a re-page and the backup page after its step', () => {
    const repageOf = 'escalation.urgent.1';
    expect(deadlineLabel({ id: `${repageOf}.r2`, kind: 'escalation', level: 1, repageOf })).toBe('escalation 1, re-page 2');
    expect(deadlineLabel({ id: `${repageOf}.backup`, kind: 'escalation', level: 1, repageOf })).toBe('escalation 1, backup page');
  });
});

/** What a delivery to a role's topic (not a person) carries besides its channels. */
const TOPIC = { skipped: [], held: false, nobodyOnCall: false };

describe('ladderOf', () => {
  it('reads a page to a person as one line per person: the channels that went, those skipped and why, a held SMS', () => {
    const step = { deadline: 'escalation.urgent.1', role: 'manager', person: 'mia' };
    const entries = [
      notified('2026-03-02T08:00:01.000Z', { ...step, channel: 'sms', to: '+4915112345600', skipped: 'opted out' }),
      notified('2026-03-02T08:00:01.000Z', { ...step, channel: 'sms', to: '+4915112345601', held: 'true' }),
      notified('2026-03-02T08:00:01.000Z', { ...step, channel: 'email', to: 'mia@staff.example' }),
      notified('2026-03-02T08:00:01.000Z', { deadline: 'escalation.urgent.1', role: 'director', nobody: 'true', channels: 'email' }),
    ];
    expect(ladderOf(kore, entries).carriedOut[0]?.deliveries).toEqual([
      {
        role: 'manager',
        person: 'mia',
        channels: ['sms', 'email'],
        skipped: ['sms +4915112345600 (opted out)'],
        held: true,
        nobodyOnCall: false,
        at: '2026-03-02T08:00:01.000Z',
        stopped: false,
      },
      {
        role: 'director',
        channels: ['email'],
        skipped: [],
        held: false,
        nobodyOnCall: true,
        at: '2026-03-02T08:00:01.000Z',
        stopped: false,
      },
    ]);
  });

  it('groups the notified entries by deadline: who was told, on which channels, when', () => {
    const entries = [
      notified('2026-03-02T08:00:01.000Z', { deadline: 'escalation.urgent.1', role: 'manager', channels: 'sms,email' }),
      notified('2026-03-02T08:00:01.000Z', { deadline: 'escalation.urgent.1', role: 'oncall', channels: 'sms,email' }),
      notified('2026-03-02T08:00:02.000Z', { deadline: 'escalation.urgent.1', role: 'director', channels: 'email' }),
    ];
    const ladder = ladderOf(kore, entries);
    expect(ladder.carriedOut).toEqual([
      {
        deadline: 'escalation.urgent.1',
        label: 'escalation 1',
        at: '2026-03-02T08:00:01.000Z',
        deliveries: [
          { role: 'manager', channels: ['sms', 'email'], at: '2026-03-02T08:00:01.000Z', stopped: false, ...TOPIC },
          { role: 'oncall', channels: ['sms', 'email'], at: '2026-03-02T08:00:01.000Z', stopped: false, ...TOPIC },
          { role: 'director', channels: ['email'], at: '2026-03-02T08:00:02.000Z', stopped: false, ...TOPIC },
        ],
      },
    ]);
  });

  it('lists the steps in the order they happened, whatever order the pages of the timeline arrived in', () => {
    const first = notified('2026-03-02T08:00:01.000Z', { deadline: 'escalation.urgent.1', role: 'manager', channels: 'sms,email' });
    const second = notified('2026-03-02T10:00:01.000Z', {
      deadline: 'escalation.urgent.2',
      role: 'director',
      channels: 'sms,email',
      stopped: 'true',
    });
    const ladder = ladderOf(kore, [second, first]);
    expect(ladder.carriedOut.map((s) => [s.label, s.deliveries.map((d) => d.stopped)])).toEqual([
      ['escalation 1', [false]],
      ['escalation 2', [true]],
    ]);
  });

  it('keeps a step that had nobody to page, and names a step whose deadline was re-planned away by its id', () => {
    const entries = [
      notified('2026-03-02T08:00:01.000Z', { deadline: 'escalation.high.1' }),
      notified('2026-03-02T08:30:00.000Z', { deadline: 'update.1.1', role: 'tier2', channels: 'email' }),
    ];
    const ladder = ladderOf(kore, entries);
    expect(ladder.carriedOut.map((s) => [s.label, s.deliveries.length])).toEqual([
      ['escalation 1', 0],
      ['update', 1],
    ]);
  });

  it('lists the pending escalation steps still to come in due order, with whom they page, tell and assign', () => {
    expect(ladderOf(kore, []).toCome).toEqual([
      { deadline: 'escalation.urgent.2', label: 'escalation 2', due: '2026-03-02T10:00:00.000Z', page: ['director'], notify: ['manager'] },
      { deadline: 'escalation.urgent.3', label: 'escalation 3', due: '2026-03-02T12:00:00.000Z', page: ['vp', 'oncall'], notify: [] },
    ]);
  });

  it('ignores entries other than notified ones', () => {
    const note: TimelineEntry = {
      seq: 99,
      at: '2026-03-02T08:01:00.000Z',
      type: 'note',
      actor: { kind: 'staff', id: 'a' },
      body: 'x',
      public: false,
    };
    expect(ladderOf(kore, [note]).carriedOut).toEqual([]);
  });
});

describe('byDue', () => {
  it('puts the soonest first and a stopped clock (no due) last', () => {
    const stopped = deadline({ id: 'resolution', kind: 'resolution', due: null });
    expect(byDue([stopped, ...kore]).map((d) => d.id)).toEqual([
      'escalation.urgent.1',
      'response',
      'escalation.urgent.2',
      'update.1.1',
      'escalation.urgent.3',
      'resolution',
    ]);
  });
});

describe('replanRows', () => {
  it('pairs the same step of both plans (escalation ids name the severity) and keeps steps only one plan has', () => {
    const high: Deadline[] = [
      deadline({ id: 'response', kind: 'response', due: '2026-03-02T08:30:00.000Z' }),
      deadline({ id: 'escalation.high.1', kind: 'escalation', level: 1, due: '2026-03-02T08:00:00.000Z', state: 'breached' }),
      deadline({ id: 'escalation.high.2', kind: 'escalation', level: 2, due: '2026-03-02T10:00:00.000Z' }),
    ];
    const rows = replanRows(kore, high);
    expect(rows.map((r) => [r.label, r.before?.due ?? null, r.after?.due ?? null])).toEqual([
      ['escalation 1', '2026-03-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z'],
      ['response', '2026-03-02T08:15:00.000Z', '2026-03-02T08:30:00.000Z'],
      ['escalation 2', '2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.000Z'],
      ['update', '2026-03-02T10:00:00.000Z', null],
      ['escalation 3', '2026-03-02T12:00:00.000Z', null],
    ]);
  });

  it("keeps a step's re-pages on rows of their own, not on the step's", () => {
    const repageOf = 'escalation.urgent.1';
    const withRepage = [
      ...kore,
      deadline({ id: `${repageOf}.r1`, kind: 'escalation', level: 1, repageOf, due: '2026-03-02T08:05:00.000Z' }),
    ];
    const rows = replanRows(withRepage, kore);
    const step = rows.find((r) => r.label === 'escalation 1');
    expect(step?.before?.id).toBe(repageOf);
    const repage = rows.find((r) => r.label === 'escalation 1, re-page 1');
    expect(repage?.before?.id).toBe(`${repageOf}.r1`);
    expect(repage?.after).toBeUndefined();
  });
});

describe('entriesInOrder', () => {
  it('joins an older page, the page shown before and a newer latest page: each entry once, in time order', () => {
    const entry = (n: number): TimelineEntry => ({
      seq: n,
      at: '2026-03-02T08:00:00.000Z',
      type: 'note',
      actor: { kind: 'staff', id: 'a' },
    });
    const older = [entry(1), entry(2)];
    const shownBefore = [entry(3), entry(4), entry(5)];
    const latest = [entry(4), entry(5), entry(6)];
    expect(entriesInOrder(latest, older, shownBefore).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
