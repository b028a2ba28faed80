/** A policy whose ladder repeats its pages, has a backup and a step that waits for an acknowledgement (re-page tests). */

import { parsePolicy } from '#shared/policy/parse-policy.ts';

/** Fri 6 Mar 2026 16:58 in Berlin (15:58 UTC): two minutes before the office closes for the weekend. */
export const OPENED = Date.parse('2026-03-06T15:58:00Z');

/** The manager's page repeats 3 times, 5 minutes apart; the director's twice, then a backup role, and only until someone acks. */
export const ACME = parsePolicy(
  `id: acme
version: 1
name: ACME
roles: { tier1: { name: Tier I }, manager: { name: Manager }, director: { name: Director }, duty: { name: Duty officer } }
calendars:
  office:
    timezone: Europe/Berlin
    hours: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
tiers: { gold: {} }
severities:
  urgent:
    calendar: 24x7
    escalation:
      - { at: 0m, assign: tier1, page: [manager], repeat: { every: 5m, times: 3 } }
      - { at: 1h, page: [director], repeat: { every: 10m, times: 2 }, backup: duty, untilAcknowledged: true }
      - { at: 2h, page: [duty], untilAcknowledged: false }
    update: { every: 30m }
    tiers: { gold: { response: 4h } }
  low:
    calendar: office
    tiers: { gold: { response: 8h } }
`,
  'acme.yaml',
);
