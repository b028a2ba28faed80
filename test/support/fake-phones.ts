/**
 * GoAlert-style behavioural checks on the local stack: fake phones and mailboxes over the outbox.
 * Each expectation takes the first delivery it matches and marks it seen; `expectNothingElse`
 * (run at the end of every scenario) fails on any SMS or e-mail nobody expected, so a scenario
 * proves what was *not* sent as much as what was.
 */

import { expect } from 'vitest';
import type { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import type { OutboxItem } from '../../infra/local/lib/outbox.ts';

export interface FakePerson {
  readonly id: string;
  readonly number: string;
  readonly email: string;
}

export class FakePhones {
  private readonly seen = new Set<OutboxItem>();

  constructor(private readonly runtime: LocalRuntime) {}

  /** The first SMS to the person's phone not seen yet whose text matches; fails if there is none. */
  expectSms(person: FakePerson, text: RegExp): OutboxItem {
    return this.take(`an SMS to ${person.id} matching ${text}`, (i) => i.channel === 'sms' && i.to === person.number && text.test(i.text));
  }

  /** The first e-mail to the person not seen yet whose subject or text matches. */
  expectEmail(person: FakePerson, text: RegExp): OutboxItem {
    return this.take(
      `an e-mail to ${person.id} matching ${text}`,
      (i) => i.channel === 'email' && i.to === person.email && (text.test(i.subject ?? '') || text.test(i.text)),
    );
  }

  /** A delivery to a role's SNS topic (the role had nobody on call). */
  expectTopic(role: string, channel: 'sms' | 'email', deadline: string): OutboxItem {
    return this.take(
      `a ${channel} to the ${role} topic for ${deadline}`,
      (i) => i.role === role && i.channel === channel && i.deadline === deadline && i.to === undefined,
    );
  }

  /** Every delivery to a topic of these roles, seen (the roles nobody in a scenario is on call for). */
  ignoreTopics(...roles: string[]): void {
    for (const item of this.runtime.outbox.items) if (roles.includes(item.role) && item.to === undefined) this.seen.add(item);
  }

  /** Every e-mail to a requester (the customer side of the ticket), seen. */
  ignoreRequesterMail(): void {
    for (const item of this.runtime.outbox.items)
      if (item.channel === 'email' && item.person === undefined && item.to !== undefined) this.seen.add(item);
  }

  /** Texts `text` from the person's phone (or another number) to the two-way number; returns the answer SMS, seen. */
  async reply(person: FakePerson, text: string, from = person.number): Promise<string | undefined> {
    const before = this.runtime.outbox.items.length;
    await this.runtime.receiveSms(from, text);
    const answer = this.runtime.outbox.items.slice(before).find((i) => i.channel === 'sms' && i.to === from && i.caseId === 0);
    if (answer !== undefined) this.seen.add(answer);
    return answer?.text;
  }

  /** Nothing was sent that no expectation took. */
  expectNothingElse(): void {
    const unexpected = this.runtime.outbox.items
      .filter((i) => !this.seen.has(i))
      .map((i) => `${i.at} ${i.channel} → ${i.to ?? `topic ${i.role}`} #${i.caseId} ${i.deadline ?? ''}: ${i.subject ?? i.text}`);
    expect(unexpected, 'deliveries no scenario step expected').toEqual([]);
  }

  private take(what: string, match: (item: OutboxItem) => boolean): OutboxItem {
    const found = this.runtime.outbox.items.find((i) => !this.seen.has(i) && match(i));
    if (found === undefined) {
      const unseen = this.runtime.outbox.items
        .filter((i) => !this.seen.has(i))
        .map((i) => `${i.channel} → ${i.to ?? i.role}: ${i.text.slice(0, 60)}`);
      expect.fail(`expected ${what}; not yet seen: ${JSON.stringify(unseen, null, 1)}`);
    }
    this.seen.add(found);
    return found;
  }
}
