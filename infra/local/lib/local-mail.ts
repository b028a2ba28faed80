/**
 * Stand-ins for S3 (raw mail and attachments, as files) and SES v2 (sent mail lands in the
 * outbox) at their API boundary: the production adapters send them their real commands.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { BadRequestException, type MessageHeader, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { messageIds } from '#shared/email/threading.ts';
import type { Outbox } from './outbox.ts';

export class LocalS3 {
  constructor(private readonly root: string) {}

  private path(bucket: string | undefined, key: string | undefined): string {
    const relative = normalize(`${bucket ?? ''}/${key ?? ''}`);
    if (relative.startsWith('..')) throw new Error(`bad key ${key}`);
    return join(this.root, relative);
  }

  async send(command: unknown): Promise<Record<string, unknown>> {
    if (command instanceof GetObjectCommand) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(this.path(command.input.Bucket, command.input.Key));
      } catch {
        throw new NoSuchKey({ message: `The specified key does not exist: ${command.input.Key}`, $metadata: {} });
      }
      return { Body: { transformToByteArray: async () => new Uint8Array(bytes) } };
    }
    if (command instanceof PutObjectCommand) {
      const file = this.path(command.input.Bucket, command.input.Key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, command.input.Body as Buffer);
      return {};
    }
    throw new Error(`the local S3 does not handle ${(command as object).constructor.name}`);
  }

  /** What SES's S3 action does: store the raw message. */
  store(bucket: string, key: string, raw: Buffer): void {
    const file = this.path(bucket, key);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, raw);
  }
}

const VERDICT_VALUES = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED'];
const VERDICT_HEADER = /^x-local-verdict-(spam|virus|spf|dkim|dmarc)[ \t]*:[ \t]*(.*?)[ \t]*$/gim;

/**
 * The `receipt` verdicts SES would give a message, set by a test with headers
 * `X-Local-Verdict-Spam`, `-Virus`, `-Spf`, `-Dkim` and `-Dmarc`, each `PASS`, `FAIL`, `GRAY` or
 * `PROCESSING_FAILED` as SES gives them, PASS when absent. SES adds `dmarcPolicy` (the sending
 * domain's policy: none, quarantine or reject) only when DMARC fails
 * (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html), so
 * DMARC may say `FAIL; p=none`. Anything else is refused, so a test cannot mistype a verdict.
 */
export function sesVerdictsOf(raw: Buffer): Record<string, unknown> {
  const head =
    raw
      .subarray(0, 64 * 1024)
      .toString('utf8')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const given = new Map<string, string>();
  for (const [, name = '', value = ''] of head.matchAll(VERDICT_HEADER)) given.set(name.toLowerCase(), value);
  const [dmarc = 'PASS', policy] = (given.get('dmarc') ?? 'PASS').split(/\s*;\s*p=/i);
  const status = (name: string, value = given.get(name) ?? 'PASS') => {
    if (!VERDICT_VALUES.includes(value)) throw new Error(`X-Local-Verdict-${name}: expected one of ${VERDICT_VALUES.join(', ')}`);
    return { status: value };
  };
  if (policy !== undefined && (dmarc !== 'FAIL' || !['none', 'quarantine', 'reject'].includes(policy)))
    throw new Error('X-Local-Verdict-Dmarc: a policy comes only with FAIL, as "FAIL; p=none|quarantine|reject"');
  return {
    spamVerdict: status('spam'),
    virusVerdict: status('virus'),
    spfVerdict: status('spf'),
    dkimVerdict: status('dkim'),
    dmarcVerdict: status('dmarc', dmarc),
    ...(policy !== undefined && { dmarcPolicy: policy }),
  };
}

/** Headers SES sets itself, which it refuses in simple content. */
const SES_OWN_HEADERS = new Set([
  'bcc',
  'cc',
  'content-disposition',
  'content-type',
  'date',
  'from',
  'message-id',
  'mime-version',
  'reply-to',
  'return-path',
  'subject',
  'to',
]);

const badRequest = (message: string) => new BadRequestException({ message, $metadata: {} });

/** SES's rules for `Content.Simple.Headers`: names and values of printable ASCII, within its lengths, none of its own. */
function checkHeaders(headers: readonly MessageHeader[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const { Name = '', Value = '' } of headers) {
    if (!/^[!-9;-~]{1,126}$/.test(Name))
      throw badRequest(`Header name ${JSON.stringify(Name)} must be 1-126 printable ASCII characters, no colon`);
    if (SES_OWN_HEADERS.has(Name.toLowerCase())) throw badRequest(`Header ${Name} is set by SES and cannot be given`);
    if (!/^[ -~]{0,870}$/.test(Value))
      throw badRequest(`Header ${Name}: the value must be at most 870 printable ASCII characters, no CR or LF`);
    if (byName.has(Name.toLowerCase())) throw badRequest(`Header ${Name} is given twice`);
    byName.set(Name.toLowerCase(), Value);
  }
  return byName;
}

/**
 * SES v2's SendEmail with simple content, as SES checks it. Like SES, it assigns the Message-ID
 * (`<local-ses-1@local.amazonses.com>`; the response carries the bare id). Raw content is refused:
 * the mailer sends none, and reading it would take a MIME parser.
 */
export class LocalSes {
  private sent = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly now: () => number,
  ) {}

  async send(command: unknown): Promise<{ MessageId: string }> {
    if (!(command instanceof SendEmailCommand)) throw new Error(`the local SES does not handle ${(command as object).constructor.name}`);
    const { FromEmailAddress, Destination, Content } = command.input;
    if (Content?.Raw !== undefined) throw badRequest('The local SES stand-in takes Content.Simple only, not Content.Raw');
    const simple = Content?.Simple;
    const body = simple?.Body?.Text?.Data ?? simple?.Body?.Html?.Data;
    if (!FromEmailAddress || !Destination?.ToAddresses?.length || simple?.Subject?.Data === undefined || body === undefined) {
      throw badRequest(
        'FromEmailAddress, Destination.ToAddresses, Content.Simple.Subject and Content.Simple.Body (Text or Html) are required',
      );
    }
    const notAddress = Destination.ToAddresses.find((to) => !/^[^@\s]+@[^@\s]+$/.test(to));
    if (notAddress !== undefined) throw badRequest(`Destination.ToAddresses: ${JSON.stringify(notAddress)} is not an e-mail address`);
    const headers = checkHeaders(simple.Headers ?? []);
    const id = `local-ses-${++this.sent}`;
    const inReplyTo = headers.get('in-reply-to');
    const references = headers.has('references') ? messageIds(headers.get('references')) : undefined;
    this.outbox.add({
      at: new Date(this.now()).toISOString(),
      role: headers.get('x-sla-role') ?? 'requester',
      ...(headers.has('x-sla-person') && { person: headers.get('x-sla-person') }),
      channel: 'email',
      caseId: Number(headers.get('x-case-id') ?? 0),
      kind: headers.has('x-sla-person') ? 'page' : 'mail',
      to: Destination.ToAddresses.join(', '),
      subject: simple.Subject.Data,
      text: body,
      messageId: `<${id}@local.amazonses.com>`,
      ...(inReplyTo !== undefined && { inReplyTo }),
      ...(references !== undefined && { references }),
    });
    return { MessageId: id };
  }
}
