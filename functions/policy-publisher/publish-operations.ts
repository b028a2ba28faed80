/**
 * Publishing a policy: `POST /policies` (version 1 of a new policy) and `POST /policies/{id}/versions`
 * (the latest + 1). The document is compiled as the presets are (holidays written out as dates) and
 * validated as `sla validate` does; `?dryRun=true` answers what would change and stores nothing.
 * A version whose calendars changed starts a re-plan of the policy's open tickets (replan.ts).
 */

import { parseDocument } from 'yaml';
import { DomainError, type FieldError } from '#shared/domain-error.ts';
import { changedCalendars, sampleInstants, targetChanges } from '#shared/policies/policy-changes.ts';
import { MAX_POLICIES, newReplan, type PolicyHead, type PolicyVersionRecord } from '#shared/policies/policy-store.ts';
import { isPresetId } from '#shared/policies/preset-ids.ts';
import { compilePolicyDocument } from '#shared/policy/compile-policy.ts';
import { Policy } from '#shared/policy/policy.ts';
import { InvalidConfigError } from '#shared/policy/policy-error.ts';
import { tierAt } from '#shared/tickets/org.ts';
import { syncTierReviewReminder } from '#shared/tier-review/reminder-schedule.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { type ApiDeps, type ApiRequest, type Operation, policyStoreOf, signedIn, validate } from '../api/operation.ts';
import { policyVersionView } from '../api/policy-operations.ts';
import { MAX_POLICY_DOCUMENT_BYTES, policyIdPattern, policyPublishQuery } from '../api/policy-schemas.ts';
import type { PublisherRouteKey } from '../api/routes.ts';
import { TextBody } from '../lib/http/request.ts';
import { openTicketMoves } from './replan.ts';

/**
 * A version item (compiled spec, document as written) must stay below DynamoDB's 400 KB item limit
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-items);
 * this leaves room for the keys and the other attributes.
 */
export const MAX_VERSION_ITEM_BYTES = 350_000;

export const PUBLISH_OPERATIONS = {
  'POST /policies': (request, deps) => publish(request, deps, undefined),
  'POST /policies/{id}/versions': (request, deps) => publish(request, deps, request.params.id ?? ''),
} satisfies Record<PublisherRouteKey, Operation>;

async function publish(request: ApiRequest, deps: ApiDeps, pathId: string | undefined) {
  const principal = signedIn(request);
  const dryRun = validate(policyPublishQuery(), request.query, 'query').dryRun === 'true';
  const written = writtenDocument(request.body);
  const store = policyStoreOf(deps);
  const now = deps.now();

  let head: PolicyHead | undefined;
  let id: string;
  if (pathId === undefined) {
    id = typeof written.id === 'string' ? written.id : '';
    if (id === '') throw invalid('id', 'required');
    head = await store.head(id);
    if (head !== undefined || isPresetId(id)) {
      throw new DomainError('conflict', `policy "${id}" exists; publish a new version with POST /policies/${id}/versions`, [
        { path: 'id', message: 'a policy with this id exists' },
      ]);
    }
    if (written.version !== undefined && written.version !== 1) throw invalid('version', 'a new policy starts at version 1');
    // The policy list reads at most MAX_POLICIES heads: one more would be stored but never listed.
    if ((await store.heads()).length >= MAX_POLICIES) {
      throw new DomainError(
        'conflict',
        `there are ${MAX_POLICIES} policies, the most this service keeps: publish a version of one of them`,
        [{ path: 'id', message: `at most ${MAX_POLICIES} policies` }],
      );
    }
  } else {
    id = pathId;
    head = policyIdPattern.test(id) ? await store.head(id) : undefined;
    if (head === undefined) throw new DomainError('not_found', `no policy "${id}"`);
    // A preset's versions are the compiled ones (the service reads them without I/O): they change in the repository.
    if (head.preset) {
      throw new DomainError(
        'conflict',
        `"${id}" is a preset: it changes in the repository (shared/policies/${id}.yaml); publish a copy under another id`,
        [{ path: 'id', message: 'a preset' }],
      );
    }
    if (written.id !== undefined && written.id !== id) throw invalid('id', `expected "${id}" (the policy of the path) or no id`);
    if (written.version !== undefined && written.version !== head.latest + 1) {
      throw new DomainError(
        'conflict',
        `the latest version of "${id}" is ${head.latest}: this document must be version ${head.latest + 1} or name none`,
        [{ path: 'version', message: `expected ${head.latest + 1}` }],
      );
    }
  }
  const version = (head?.latest ?? 0) + 1;
  const document = { ...written, id, version };
  const { spec } = compilePolicyDocument(document, `${id}.yaml`);
  const after = Policy.fromSpec(spec);
  const record: PolicyVersionRecord = {
    id,
    version,
    name: spec.name,
    document,
    spec: JSON.stringify(spec),
    publishedBy: principal.sub,
    publishedAt: now,
    calendarsChanged: false,
  };
  if (Buffer.byteLength(record.spec) + Buffer.byteLength(JSON.stringify(document)) > MAX_VERSION_ITEM_BYTES) {
    throw invalid(
      'calendars',
      `the compiled policy is larger than ${MAX_VERSION_ITEM_BYTES / 1000} kB (public holidays are written out for each calendar): use fewer calendars`,
    );
  }
  const before = head === undefined ? undefined : await deps.policies.version(id, head.latest);
  await refuseIfOrgsBreak(deps, id, after, now);
  const calendars = changedCalendars(before, after);

  if (dryRun) {
    const samples = sampleInstants(after, now);
    const targets = targetChanges(before, after, samples);
    const moves =
      calendars.length === 0 ? { examined: 0, moved: 0, complete: true, examples: [] } : await openTicketMoves(deps, after, deps.policies);
    return {
      status: 200,
      body: {
        dryRun: true as const,
        id,
        version,
        ...(head !== undefined && { previous: head.latest }),
        samples: samples.map((s) => ({ label: s.label, at: formatInstant(s.at) })),
        changes: targets.changes.map((row) => ({
          ...row,
          before: row.before.map(dueView),
          after: row.after.map(dueView),
        })),
        unchanged: targets.unchanged,
        severities: targets.severities,
        tiers: targets.tiers,
        regions: targets.regions,
        calendarsChanged: calendars,
        openTickets: {
          ...moves,
          examples: moves.examples.map((e) => ({
            ...e,
            before: formatInstant(e.before),
            after: e.after === null ? null : formatInstant(e.after),
          })),
        },
      },
    };
  }

  const stored = { ...record, calendarsChanged: calendars.length > 0 };
  const replan = stored.calendarsChanged ? newReplan(id, version, now) : undefined;
  const nextHead: PolicyHead = { id, name: spec.name, latest: version, preset: head?.preset ?? false, updatedAt: now };
  if ((await store.publish(stored, nextHead, replan)) === 'conflict') {
    throw new DomainError('conflict', `version ${version} of "${id}" was published meanwhile; read the latest and publish again`, [
      { path: 'version', message: `version ${version} exists` },
    ]);
  }
  // The quarterly tier review reminder as this version says (replaced, or removed without a `tierReview`).
  const reminders = deps.tierReviewReminders;
  if (reminders !== undefined)
    await afterStored('tier review reminder not scheduled', id, version, () => syncTierReviewReminder(reminders, after));
  // The progress stays `running` if this fails, and the sweeper resumes it once it has not moved for `REPLAN_STALLED_AFTER_MS`.
  const replans = deps.replans;
  if (replan !== undefined && replans !== undefined)
    await afterStored('re-plan not started', id, version, () => replans.start(id, version));
  return { status: 201, body: policyVersionView(stored, replan && ((await store.replan(id, version)) ?? replan)) };
}

/**
 * Work that follows a version already stored (its reminder, the start of its re-plan): a failure is
 * logged, not answered as a 500, since a retry of the publish can only be a 409. Publishing the
 * next version writes the reminder again; a re-plan left running is resumed by the sweeper.
 */
async function afterStored(failure: string, id: string, version: number, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(JSON.stringify({ message: failure, id, version, error: error instanceof Error ? error.message : String(error) }));
  }
}

/** The body as a document: YAML text (line and column for a syntax error) or a JSON object; at most `MAX_POLICY_DOCUMENT_BYTES`. */
function writtenDocument(body: unknown): Record<string, unknown> & { id?: string; version?: number } {
  if (body === undefined) throw invalid('', 'send the policy document as the body (application/yaml or application/json)');
  // Before anything walks it recursively (JSON.stringify below overflows the stack past ~10,000 levels).
  refuseDeepNesting(body);
  const text = body instanceof TextBody ? body.text : JSON.stringify(body);
  if (Buffer.byteLength(text) > MAX_POLICY_DOCUMENT_BYTES) {
    throw invalid('', `the policy document is larger than ${MAX_POLICY_DOCUMENT_BYTES / 1024} KiB`);
  }
  let parsed: unknown = body;
  if (body instanceof TextBody) {
    const document = parseDocument(body.text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0) {
      throw new InvalidConfigError(
        'the body',
        document.errors.map((error) => {
          const where = error.linePos?.[0];
          const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
          return { path: '', message: `${where ? `line ${where.line}, column ${where.col}: ` : ''}${message}` };
        }),
      );
    }
    try {
      // The yaml library refuses a document whose aliases would expand past `maxAliasCount` (a "billion laughs").
      parsed = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      throw invalid('', `the document's aliases (*name) expand too far: write the values out, or use fewer aliases`);
    }
    refuseDeepNesting(parsed);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('', 'expected a policy document (a mapping)');
  const document = parsed as Record<string, unknown>;
  // Checked before the id names a key; the policy schema checks the rest.
  if (document.id !== undefined && (typeof document.id !== 'string' || !policyIdPattern.test(document.id))) {
    throw invalid('id', 'expected a policy id of lower-case letters, digits, "-" or "_" (at most 64)');
  }
  if (document.version !== undefined && (!Number.isSafeInteger(document.version) || (document.version as number) < 1)) {
    throw invalid('version', 'expected a version of 1 or more');
  }
  return document as Record<string, unknown> & { id?: string; version?: number };
}

/** How many times a YAML document's aliases may be expanded (the presets use a handful). */
const MAX_YAML_ALIASES = 100;

/** The deepest nesting of lists and mappings a document may have (the policy schema's is below 10). */
export const MAX_DOCUMENT_DEPTH = 32;

/** A document nested deeper than `MAX_DOCUMENT_DEPTH` is refused, walked without recursion. */
function refuseDeepNesting(value: unknown): void {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_DOCUMENT_DEPTH) throw invalid('', `the document is nested deeper than ${MAX_DOCUMENT_DEPTH} levels`);
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
}

/**
 * A version that drops the tier an organisation is on now, or the region it uses, would break its
 * new tickets: refused, naming the organisations. (Open tickets keep their own version, so a
 * severity or tier they use may go.)
 */
async function refuseIfOrgsBreak(deps: ApiDeps, id: string, after: Policy, now: number): Promise<void> {
  const problems: FieldError[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listOrgs({ cursor, limit: 100 });
    for (const org of page.items) {
      if (org.policy !== id) continue;
      const tier = tierAt(org, now);
      if (!after.tiers.includes(tier)) problems.push({ path: 'tiers', message: `organisation "${org.id}" is on tier "${tier}"` });
      if (org.region !== undefined && !after.regions.includes(org.region)) {
        problems.push({ path: 'regions', message: `organisation "${org.id}" uses region "${org.region}"` });
      }
    }
    cursor = page.cursor;
  } while (cursor !== undefined && problems.length < 50);
  if (problems.length > 0) {
    throw new DomainError('validation_failed', 'this version drops a tier or region organisations use: move them first', problems);
  }
}

function invalid(path: string, message: string): InvalidConfigError {
  return new InvalidConfigError('the body', [{ path, message }]);
}

function dueView(d: { kind: string; level?: number; due: number }) {
  return { kind: d.kind, ...(d.level !== undefined && { level: d.level }), due: formatInstant(d.due) };
}
