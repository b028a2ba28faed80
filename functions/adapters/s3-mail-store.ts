/** The MailStore on S3: SES writes raw messages under a prefix; attachments go next to them. */

import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { MailStore } from '#shared/email/ports.ts';

export class S3MailStore implements MailStore {
  constructor(
    private readonly client: Pick<S3Client, 'send'>,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  rawKey(messageId: string): string {
    return `${this.prefix}${messageId}`;
  }

  async rawMessage(messageId: string): Promise<Buffer> {
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.rawKey(messageId) }));
    if (Body === undefined) throw new Error(`no raw message ${messageId}`);
    return Buffer.from(await Body.transformToByteArray());
  }

  async putAttachment(key: string, content: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: content, ContentType: contentType, ServerSideEncryption: 'aws:kms' }),
    );
  }
}
