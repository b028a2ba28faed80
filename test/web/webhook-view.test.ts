import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../web/src/lib/format.ts';
import {
  attemptOutcome,
  type Delivery,
  deliveryRow,
  EMPTY_ENDPOINT_DRAFT,
  type EndpointDraft,
  EVENT_TYPES,
  endpointActions,
  healthText,
  patchBody,
  registrationBody,
  stateText,
  toggleEvent,
} from '../../web/src/lib/webhook-view.ts';

const FAILED: Delivery = {
  eventId: 'evt_10001_v1_created',
  eventType: 'ticket.created',
  caseId: 10001,
  state: 'failed',
  attempts: [
    { at: '2026-03-02T08:00:00.000Z', ms: 120, status: 500 },
    { at: '2026-03-02T08:00:30.000Z', ms: 5000, error: 'timed out' },
  ],
  nextAttemptAt: null,
  createdAt: '2026-03-02T08:00:00.000Z',
};

describe('webhook view', () => {
  describe('which actions an endpoint offers', () => {
    it('offers pausing an active endpoint, with rotating and deleting', () => {
      expect(endpointActions({ state: 'active' })).toEqual(['pause', 'rotate', 'delete']);
    });

    it('offers resuming a paused one instead of pausing', () => {
      expect(endpointActions({ state: 'paused' })).toEqual(['resume', 'rotate', 'delete']);
    });
  });

  describe('state and health in words', () => {
    it.each([
      [{ state: 'active' as const }, 'Active'],
      [{ state: 'paused' as const, pausedBecause: 'owner' as const }, 'Paused by its owner'],
      [{ state: 'paused' as const, pausedBecause: 'failing' as const }, 'Paused by the service: its deliveries failed for a day'],
      [{ state: 'paused' as const, pausedBecause: 'gone' as const }, 'Paused by the service: the receiver answered 410 Gone'],
    ])('%o reads “%s”', (endpoint, text) => expect(stateText(endpoint)).toBe(text));

    it('calls an endpoint with no failure healthy', () => {
      expect(healthText({})).toMatch(/^Healthy/);
    });

    it('says since when it fails and what the last failure was, in the given zone', () => {
      const health = { failingSince: '2026-03-02T08:00:00.000Z', lastFailure: { at: '2026-03-02T09:00:00.000Z', ms: 80, status: 503 } };
      expect(healthText(health, 'Europe/Berlin')).toBe(
        `Failing since ${formatInstant('2026-03-02T08:00:00.000Z', 'Europe/Berlin')}; last failure ${formatInstant('2026-03-02T09:00:00.000Z', 'Europe/Berlin')}: HTTP 503 in 80 ms`,
      );
    });

    it('shows an attempt’s HTTP status, or its error when there was no answer', () => {
      expect(attemptOutcome({ at: '2026-03-02T08:00:00.000Z', ms: 12, status: 204 })).toBe('HTTP 204 in 12 ms');
      expect(attemptOutcome({ at: '2026-03-02T08:00:00.000Z', ms: 5000, error: 'timed out' })).toBe('timed out in 5000 ms');
    });
  });

  describe('a delivery as a row of the log', () => {
    it('lists every attempt with its time and outcome, and offers a replay of a failed delivery', () => {
      const row = deliveryRow(FAILED, 'active', 'UTC');
      expect(row).toMatchObject({
        eventId: 'evt_10001_v1_created',
        event: 'ticket.created',
        caseId: 10001,
        state: 'failed',
        replay: 'offered',
      });
      expect(row.attempts).toEqual([
        { at: '2026-03-02T08:00:00.000Z', when: formatInstant('2026-03-02T08:00:00.000Z', 'UTC'), outcome: 'HTTP 500 in 120 ms' },
        { at: '2026-03-02T08:00:30.000Z', when: formatInstant('2026-03-02T08:00:30.000Z', 'UTC'), outcome: 'timed out in 5000 ms' },
      ]);
      expect(row.next).toBe('none: retries ran out');
    });

    it('asks to resume a paused endpoint before replaying', () => {
      expect(deliveryRow(FAILED, 'paused').replay).toBe('paused');
    });

    it('shows when a pending delivery is tried next, and offers no replay while it is being delivered', () => {
      const pending: Delivery = { ...FAILED, state: 'pending', nextAttemptAt: '2026-03-02T08:02:30.000Z' };
      expect(deliveryRow(pending, 'active', 'UTC')).toMatchObject({
        next: formatInstant('2026-03-02T08:02:30.000Z', 'UTC'),
        replay: 'pending',
      });
    });

    it('says why there is no next attempt: delivered, or skipped and why', () => {
      expect(deliveryRow({ ...FAILED, state: 'delivered', attempts: [] }, 'active').next).toBe('none: delivered');
      expect(deliveryRow({ ...FAILED, skipped: 'the address is not public' }, 'active').next).toBe('none: the address is not public');
    });
  });

  describe('the bodies sent', () => {
    const before: EndpointDraft = {
      url: 'https://hooks.example/in',
      events: ['ticket.created'],
      description: 'CRM',
      contact: 'ops@acme.example',
    };
    const draft: EndpointDraft = {
      url: ' https://hooks.example/in ',
      events: ['ticket.created'],
      description: '  ',
      contact: '',
    };

    it('leaves out an empty description and contact (the contact then defaults to the token’s e-mail)', () => {
      expect(registrationBody(draft)).toEqual({ url: 'https://hooks.example/in', events: ['ticket.created'] });
    });

    it('ticks events in the API’s order whatever order they were ticked in', () => {
      const events = toggleEvent(toggleEvent([], 'page.sent', true), 'ticket.created', true);
      expect(events).toEqual(['ticket.created', 'page.sent']);
      expect(toggleEvent(events, 'page.sent', false)).toEqual(['ticket.created']);
      expect(EVENT_TYPES).toEqual(['ticket.created', 'ticket.updated', 'ticket.resolved', 'deadline.breached', 'page.sent']);
    });

    it('patches only what changed', () => {
      expect(patchBody(before, before)).toEqual({});
      expect(patchBody(before, { ...before, events: ['ticket.created', 'page.sent'], contact: 'it@acme.example' })).toEqual({
        events: ['ticket.created', 'page.sent'],
        contact: 'it@acme.example',
      });
    });

    it('clears a description with an empty one, and never sends an empty contact', () => {
      expect(patchBody(before, { ...before, description: '', contact: '' })).toEqual({ description: '' });
      expect(patchBody(EMPTY_ENDPOINT_DRAFT, { ...EMPTY_ENDPOINT_DRAFT, url: 'https://a.example/' })).toEqual({
        url: 'https://a.example/',
      });
    });
  });
});
