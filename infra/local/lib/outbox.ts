/** What SNS (and later SES) would have delivered: kept in memory, appended to outbox.jsonl, printed. */

import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OutboxItem {
  readonly at: string;
  readonly role: string;
  readonly channel: 'sms' | 'email';
  readonly caseId: number;
  readonly kind: string;
  readonly level?: number;
  /** The deadline id the delivery was for. */
  readonly deadline?: string;
  readonly subject?: string;
  readonly text: string;
  /** Who was paged (a person's id), when a page went to a person rather than a role's topic. */
  readonly person?: string;
  /** Where it went: the number of an SMS to a phone, or the address of an e-mail (requesters, paged people). */
  readonly to?: string;
  /** E-mail to requesters: the Message-ID SES assigned, and the threading headers as sent. */
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
}

export class Outbox {
  readonly items: OutboxItem[] = [];

  constructor(
    private readonly file: string | undefined,
    private readonly print: (line: string) => void = () => {},
  ) {
    if (file !== undefined) mkdirSync(dirname(file), { recursive: true });
  }

  add(item: OutboxItem): void {
    this.items.push(item);
    if (this.file !== undefined) appendFileSync(this.file, `${JSON.stringify(item)}\n`);
    this.print(
      `${item.at}  ${item.channel.padEnd(5)} → ${(item.person ?? item.role).padEnd(8)} #${item.caseId} ${item.kind}${item.level ? ` ${item.level}` : ''}: ${item.channel === 'sms' ? item.text : item.subject}`,
    );
  }
}
