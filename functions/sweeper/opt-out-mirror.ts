/**
 * Mirrors SNS's SMS opt-out list into the directory. A STOP reply to our two-way number reaches
 * sms-inbound and is recorded at once; a number can also land on the account's list otherwise (a
 * STOP to another number of the account, an opt-out at the carrier), and SNS then accepts pages to
 * it and delivers nothing. The sweeper runs this every 5 minutes, so such a number is shown as
 * opted out, and its pages fall through to the person's other methods, within one sweep.
 *
 * Every sweep rather than a daily schedule: the list is read 100 numbers a page
 * (`ListPhoneNumbersOptedOut`, https://docs.aws.amazon.com/sns/latest/api/API_ListPhoneNumbersOptedOut.html),
 * so for an account that texts only its staff one call a sweep covers it, well inside the API's
 * throttle (https://docs.aws.amazon.com/general/latest/gr/sns.html); a day of silent pages would
 * cost more than 288 calls. The directory's numbers are read first (tens of people): with none,
 * SNS is not called at all, and the list is matched against them instead of looking each listed
 * number up.
 */

import type { Directory } from '#shared/oncall/ports.ts';

export interface OptOutMirrorDeps {
  /** SNS's opted-out numbers, a page at a time. */
  readonly optedOut: () => AsyncIterable<readonly string[]>;
  readonly directory: Pick<Directory, 'listPeople' | 'recordSmsEvent'>;
}

const PEOPLE_PAGE = 100;

/** How many directory numbers were found opted out on SNS and recorded so. */
export async function mirrorOptOuts(deps: OptOutMirrorDeps, now: number): Promise<number> {
  const notYet = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await deps.directory.listPeople({ cursor, limit: PEOPLE_PAGE });
    for (const person of page.items) for (const contact of person.sms) if (contact.state !== 'opted-out') notYet.add(contact.number);
    cursor = page.cursor;
  } while (cursor !== undefined);
  if (notYet.size === 0) return 0;
  let mirrored = 0;
  for await (const numbers of deps.optedOut()) {
    for (const number of numbers) {
      if (!notYet.delete(number)) continue;
      await deps.directory.recordSmsEvent(number, 'opted-out', now);
      mirrored++;
    }
  }
  return mirrored;
}
