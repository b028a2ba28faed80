/**
 * Stand-ins for S3 (raw mail and attachments, as files) and SES v2 (sent mail lands in the
 * outbox) at their API boundary: the production adapters send them their real commands.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { BadRequestException, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
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

export class LocalSes {
  constructor(
    private readonly outbox: Outbox,
    private readonly now: () => number,
  ) {}

  async send(command: unknown): Promise<{ MessageId: string }> {
    if (!(command instanceof SendEmailCommand)) throw new Error(`the local SES does not handle ${(command as object).constructor.name}`);
    const { FromEmailAddress, Destination, Content } = command.input;
    const raw = Content?.Raw?.Data;
    if (!FromEmailAddress || !Destination?.ToAddresses?.length || raw === undefined) {
      throw new BadRequestException({ message: 'FromEmailAddress, Destination and Content are required', $metadata: {} });
    }
    const mail = await simpleParser(Buffer.from(raw));
    const caseId = Number(mail.headers.get('x-case-id') ?? 0);
    this.outbox.add({
      at: new Date(this.now()).toISOString(),
      role: 'requester',
      channel: 'email',
      caseId,
      kind: 'mail',
      to: Destination.ToAddresses.join(', '),
      subject: mail.subject ?? '',
      text: (mail.text ?? '').trim(),
      messageId: mail.messageId ?? '',
    });
    return { MessageId: `local-ses-${this.outbox.items.length}` };
  }
}
