import { describe, expect, it } from 'vitest';
import compiledOpenApi from '../../functions/api/compiled-openapi.json' with { type: 'json' };
import { as } from '../support/api-events.ts';
import { apiHarness, urgentOutage } from './api-harness.ts';
import { contractOf } from './contract.ts';

/** A fresh copy of the served document, to break on purpose. */
const documentCopy = () => JSON.parse(compiledOpenApi) as Parameters<typeof contractOf>[0];

describe('the contract check every API test runs (test/api/contract.ts)', () => {
  it('passes what the API answers, and fails it against a schema that says otherwise', async () => {
    const { call } = await apiHarness();
    const created = await call('POST', '/tickets', { claims: as.customer('acme-kore'), body: urgentOutage });
    const json = { 'content-type': 'application/json' };
    expect(() => contractOf(documentCopy())('POST', '/tickets', 201, json, JSON.stringify(created.body))).not.toThrow();

    const renamed = documentCopy();
    const ticket = renamed.components.schemas.Ticket as { required: string[] };
    ticket.required = [...ticket.required, 'caseNumber'];
    expect(() => contractOf(renamed)('POST', '/tickets', 201, json, JSON.stringify(created.body))).toThrow(
      /POST \/tickets → 201: the body does not match #\/components\/schemas\/Ticket: \/ must have required property 'caseNumber'/,
    );

    const { caseId: _, ...withoutCaseId } = created.body;
    expect(() => contractOf(documentCopy())('POST', '/tickets', 201, json, JSON.stringify(withoutCaseId))).toThrow(/'caseId'/);
    expect(() => contractOf(documentCopy())('POST', '/tickets', 201, json, JSON.stringify({ ...created.body, secret: 1 }))).toThrow(
      /must NOT have additional properties/,
    );
  });

  it('fails a status the operation does not list, and a content type its status does not declare', () => {
    const contract = contractOf(documentCopy());
    const problem = JSON.stringify({ type: 'https://sla-escalator.dev/problems/418', title: 'Error', status: 418, detail: 'no' });
    expect(() => contract('GET', '/tickets/1', 418, { 'content-type': 'application/problem+json' }, problem)).toThrow(
      /GET \/tickets\/1 → 418: the document lists no 418/,
    );
    const notFound = JSON.stringify({ type: 'https://sla-escalator.dev/problems/404', title: 'Not Found', status: 404, detail: 'no' });
    expect(() => contract('GET', '/tickets/1', 404, { 'content-type': 'application/problem+json' }, notFound)).not.toThrow();
    expect(() => contract('GET', '/tickets/1', 404, { 'content-type': 'application/json' }, notFound)).toThrow(
      /content type application\/json is not one of application\/problem\+json/,
    );
    expect(() => contract('DELETE', '/orgs/a/members/b', 204, {}, '{}')).toThrow(/declares no body/);
    expect(() => contract('GET', '/nowhere', 404, { 'content-type': 'application/problem+json' }, notFound)).not.toThrow();
    expect(() => contract('GET', '/nowhere', 200, { 'content-type': 'application/json' }, '{}')).toThrow(/lists no 200/);
  });
});

describe('the contract of the on-call routes', () => {
  const contract = contractOf(documentCopy());
  const shifts = JSON.stringify({ items: [{ role: 'manager', start: '2026-03-23T08:00:00.000Z', end: '2026-03-30T07:00:00.000Z' }] });
  const ical = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

  it('takes shifts as JSON or as an iCalendar file, and nothing else', () => {
    expect(() => contract('GET', '/people/ana-lima/shifts', 200, { 'content-type': 'application/json' }, shifts)).not.toThrow();
    expect(() => contract('GET', '/people/ana-lima/shifts', 200, { 'content-type': 'text/calendar; charset=utf-8' }, ical)).not.toThrow();
    expect(() => contract('GET', '/people/ana-lima/shifts', 200, { 'content-type': 'text/calendar' }, '')).toThrow(/body is empty/);
    expect(() => contract('GET', '/people/ana-lima/shifts', 200, { 'content-type': 'text/csv' }, 'role,start')).toThrow(
      /content type text\/csv is not one of application\/json, text\/calendar/,
    );
    expect(() => contract('GET', '/people/ana-lima', 200, { 'content-type': 'text/calendar' }, ical)).toThrow(
      /is not one of application\/json$/,
    );
  });

  it('holds people, schedules and who is on call to their components', () => {
    const person = { id: 'ana-lima', name: 'Ana Lima', zone: 'Europe/Berlin', email: 'a@b.example', agent: false, sms: [], version: 1 };
    const json = { 'content-type': 'application/json' };
    expect(() => contract('GET', '/people/ana-lima', 200, json, JSON.stringify(person))).toThrow(/required property 'updatedAt'/);
    const onCall = { role: 'manager', at: '2026-03-24T12:00:00.000Z', people: [{ id: 'ana-lima' }] };
    expect(() => contract('GET', '/roles/manager/oncall', 200, json, JSON.stringify(onCall))).toThrow(/required property 'name'/);
    const schedule = {
      role: 'manager',
      overrides: [{ id: 'x', start: 'soon', end: 'later', kind: 'add', person: 'ana-lima' }],
      version: 1,
    };
    expect(() => contract('GET', '/roles/manager/rotation', 200, json, JSON.stringify(schedule))).toThrow(/RoleSchedule/);
    expect(() =>
      contract(
        'POST',
        '/people/ana-lima/sms/%2B4915100000001/verification',
        429,
        { 'content-type': 'application/problem+json' },
        JSON.stringify({ type: 'x', title: 'Too Many Requests', status: 429, detail: 'wait' }),
      ),
    ).not.toThrow();
  });
});
