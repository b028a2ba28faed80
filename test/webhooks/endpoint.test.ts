import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import { audienceOf, matches, newEndpoint, registrationSchema, type WebhookEndpoint } from '#shared/webhooks/endpoint.ts';
import { AUDIENCES, type Audience, WEBHOOK_EVENT_TYPES, type WebhookEvent } from '#shared/webhooks/events.ts';
import { secretOf } from '#shared/webhooks/signature.ts';
import { validate } from '../../functions/api/operation.ts';

const NOW = Date.parse('2026-03-02T14:00:00Z');
const aws = registrationSchema({ allowLoopbackHttp: false });
const secret = secretOf(new Uint8Array(32).fill(7));

/** The problem the API answers for a registration body (the route validates with this schema). */
function problems(body: unknown) {
  try {
    validate(aws, body);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, errors: error.errors };
    throw error;
  }
  return undefined;
}

describe('a webhook registration', () => {
  it('takes a URL, the events, and a description', () => {
    const body = { url: 'https://hooks.example.com/sla', events: ['ticket.created', 'page.sent'], description: 'pager bridge' };
    expect(validate(aws, body)).toEqual(body);
  });

  it.each<[string, unknown, Array<{ path: string; message: string }>]>([
    ['no body', undefined, [{ path: '', message: 'required' }]],
    ['no URL', { events: ['ticket.created'] }, [{ path: 'url', message: 'required' }]],
    [
      'an internal URL',
      { url: 'https://169.254.169.254/latest', events: ['ticket.created'] },
      [{ path: 'url', message: '169.254.169.254 is not a public address' }],
    ],
    ['plain http', { url: 'http://hooks.example.com', events: ['ticket.created'] }, [{ path: 'url', message: 'expected an https URL' }]],
    ['no events', { url: 'https://hooks.example.com', events: [] }, [{ path: 'events', message: 'subscribe to at least one event' }]],
    [
      'an unknown event',
      { url: 'https://hooks.example.com', events: ['ticket.created', 'ticket.deleted'] },
      [{ path: 'events[1]', message: expect.stringContaining('ticket.created') }],
    ],
    [
      'an event twice',
      { url: 'https://hooks.example.com', events: ['page.sent', 'page.sent'] },
      [{ path: 'events', message: 'lists an event twice' }],
    ],
    [
      'a long description',
      { url: 'https://hooks.example.com', events: ['page.sent'], description: 'x'.repeat(201) },
      [{ path: 'description', message: expect.stringContaining('200') }],
    ],
    [
      'a control character',
      { url: 'https://hooks.example.com', events: ['page.sent'], description: 'a\u001b[31m' },
      [{ path: 'description', message: 'must not contain control characters' }],
    ],
    [
      'a scope in the body',
      { url: 'https://hooks.example.com', events: ['page.sent'], org: 'other' },
      [{ path: 'org', message: 'unknown field' }],
    ],
  ])('refuses %s with the field’s path', (_what, body, errors) => {
    expect(problems(body)).toEqual({ code: 'bad_request', errors });
  });

  it('allows http to this machine on the local stack only', () => {
    const body = { url: 'http://127.0.0.1:8080/hook', events: ['ticket.created'] };
    expect(registrationSchema({ allowLoopbackHttp: true }).safeParse(body).success).toBe(true);
    expect(aws.safeParse(body).success).toBe(false);
  });
});

const event = (type: WebhookEvent['type'], org: string, audiences: readonly Audience[] = AUDIENCES): WebhookEvent => ({
  id: `evt_1_${type}`,
  type,
  org,
  caseId: 1,
  at: NOW,
  seq: 1,
  data: Object.fromEntries(audiences.map((a) => [a, { ticket: {} }])),
});
const endpoint = (scope: WebhookEndpoint['scope'], events: WebhookEvent['type'][] = [...WEBHOOK_EVENT_TYPES]) =>
  newEndpoint('wh_1', scope, { url: 'https://hooks.example.com/sla', events }, secret, 'user-1', NOW);

describe('which events an endpoint gets', () => {
  it('an organisation’s endpoint: its own organisation’s events only, whatever it subscribed to', () => {
    const orgs = fc.constantFrom('acme', 'globex', 'initech');
    fc.assert(
      fc.property(
        orgs,
        orgs,
        fc.subarray([...WEBHOOK_EVENT_TYPES], { minLength: 1 }),
        fc.constantFrom(...WEBHOOK_EVENT_TYPES),
        (own, other, events, type) => {
          const hook = endpoint({ kind: 'org', org: own }, events);
          expect(matches(hook, event(type, other))).toBe(own === other && events.includes(type));
        },
      ),
    );
  });

  it('a staff endpoint: every organisation’s events it subscribed to', () => {
    expect(matches(endpoint({ kind: 'staff' }), event('ticket.created', 'acme'))).toBe(true);
    expect(matches(endpoint({ kind: 'staff' }), event('ticket.created', 'globex'))).toBe(true);
    expect(matches(endpoint({ kind: 'staff' }, ['page.sent']), event('ticket.created', 'acme'))).toBe(false);
  });

  it('only events meant for its audience: customers are not told of staff-only changes', () => {
    const staffOnly = event('ticket.updated', 'acme', ['staff']);
    expect(matches(endpoint({ kind: 'org', org: 'acme' }), staffOnly)).toBe(false);
    expect(matches(endpoint({ kind: 'staff' }), staffOnly)).toBe(true);
    expect(audienceOf(endpoint({ kind: 'org', org: 'acme' }))).toBe('customer');
  });

  it('nothing while paused', () => {
    const paused: WebhookEndpoint = { ...endpoint({ kind: 'staff' }), state: 'paused', pausedBecause: 'owner' };
    expect(matches(paused, event('ticket.created', 'acme'))).toBe(false);
  });

  it('keeps the URL normalised and starts active with one secret', () => {
    const hook = newEndpoint(
      'wh_2',
      { kind: 'staff' },
      { url: 'https://HOOKS.example.com:443/a', events: ['page.sent'] },
      secret,
      'u',
      NOW,
    );
    expect(hook).toMatchObject({ url: 'https://hooks.example.com/a', state: 'active', secrets: [{ secret, createdAt: NOW }] });
  });
});
