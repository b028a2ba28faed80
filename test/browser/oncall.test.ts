import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import { type ConsoleSuite, consoleSuite, expectNoSeriousViolations, fieldErrors, scrollWidth } from '../support/console-tests.ts';

// A Monday, 10:00 in Berlin.
const START = '2026-03-02T09:00:00Z';
const ROLE = 'manager';
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** People of this file's own (ids no demo seed uses), and the manager's rotation: Ana from 09:00 Berlin today, then Ben. */
async function arrange(suite: ConsoleSuite): Promise<void> {
  const { api, tokens } = suite.stack;
  for (const [id, name, number] of [
    ['e2e-ana', 'Ana Lima', '+4915123450001'],
    ['e2e-ben', 'Ben Ode', '+4915123450002'],
    ['e2e-cy', 'Cy Ng', '+4915123450003'],
  ] as const) {
    const created = await api(
      '/people',
      { method: 'POST', body: JSON.stringify({ id, name, zone: 'Europe/Berlin', email: `${id}@staff.example`, sms: [{ number }] }) },
      tokens.admin,
    );
    expect([id, created.status]).toEqual([id, 201]);
  }
  const { version } = (await (await api(`/roles/${ROLE}/rotation`, {}, tokens.admin)).json()) as { version: number };
  const rotation = {
    participants: ['e2e-ana', 'e2e-ben'],
    shift: { length: 1, unit: 'weeks' },
    handoff: '2026-03-02T08:00:00Z',
    zone: 'Europe/Berlin',
  };
  // Nights above it (not at any instant these tests look at): Cy, every day 22:00-06:00.
  const nights = { ...rotation, participants: ['e2e-cy'], activeHours: Object.fromEntries(WEEK.map((day) => [day, ['22:00-06:00']])) };
  const saved = await api(
    `/roles/${ROLE}/rotation`,
    { method: 'PUT', body: JSON.stringify({ rotation, layers: [nights], version }) },
    tokens.admin,
  );
  expect(saved.status).toBe(200);
}

async function onCallNow(suite: ConsoleSuite): Promise<string[]> {
  const answer = await suite.stack.api(`/roles/${ROLE}/oncall?at=${START}`, {}, suite.stack.tokens.agent);
  return ((await answer.json()) as { people: { id: string }[] }).people.map((p) => p.id);
}

function roleSection(page: Page) {
  return page.getByRole('region').filter({ has: page.locator(`[data-testid="oncall-now-${ROLE}"]`) });
}

describe('the On-call and People pages', () => {
  const suite = consoleSuite(START);
  beforeAll(() => arrange(suite), 60_000);

  it('shows an admin who is on call now; editing the rotation and adding an override change the answer', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, timezoneId: 'America/New_York' });
    await signInAs(page, suite.stack.url, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On-call' }).click();
    await page.getByRole('heading', { level: 1, name: 'On-call' }).waitFor();
    const now = page.getByTestId(`oncall-now-${ROLE}`);
    await now.filter({ hasText: /^Ana Lima$/ }).waitFor();
    const section = roleSection(page);
    // Ben takes over at next Monday's 09:00 in the rotation's zone, named.
    expect(await section.getByText(/^Ben Ode from Mon, 9 Mar 2026, 09:00 .*\(Europe\/Berlin\)$/).count()).toBe(1);

    // Ben first: he is on call now.
    await section.getByText(/^Edit the rotation of /).click();
    const rotation = section.getByRole('form', { name: /^Rotation of / });
    await rotation.getByRole('button', { name: 'Move Ben Ode up' }).click();
    await rotation.getByRole('button', { name: 'Save the rotation' }).click();
    await rotation.getByRole('status').getByText('Saved.').waitFor();
    await now.filter({ hasText: /^Ben Ode$/ }).waitFor();
    expect(await onCallNow(suite)).toEqual(['e2e-ben']);

    // A shift of no length is refused at its field, and what was typed stays.
    const length = rotation.getByLabel('Shift length', { exact: true });
    await length.fill('0');
    await rotation.getByRole('button', { name: 'Save the rotation' }).click();
    await rotation.locator(`#rotation-${ROLE}-length-error`).waitFor();
    expect(await fieldErrors(page, { length })).toEqual({ length: 'at least 1' });
    expect(await length.inputValue()).toBe('0');
    await expectNoSeriousViolations(page);

    // Cy replaces Ben from 10:00 to 18:00 Berlin time, typed in Berlin time by a viewer in New York.
    await section.getByText(/^Add an override to /).click();
    const override = section.getByRole('form', { name: /^New override of / });
    await override.getByLabel('Replace', { exact: true }).selectOption('e2e-ben');
    await override.getByLabel('By', { exact: true }).selectOption('e2e-cy');
    await override.getByLabel('Time zone of the times below', { exact: true }).fill('Europe/Berlin');
    await override.getByLabel('Starts (Europe/Berlin)', { exact: true }).fill('2026-03-02T10:00');
    await override.getByLabel('Ends (Europe/Berlin)', { exact: true }).fill('2026-03-02T18:00');
    await override.getByRole('button', { name: 'Add the override' }).click();
    await override.getByRole('status').getByText('Added.').waitFor();
    await now.filter({ hasText: /^Cy Ng$/ }).waitFor();
    expect(await onCallNow(suite)).toEqual(['e2e-cy']);
    const row = section.getByRole('row', { name: /Cy Ng instead of Ben Ode/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'now',
      expect.stringMatching(/^Mon, 2 Mar 2026, 10:00 .*\(Europe\/Berlin\)$/),
      expect.stringMatching(/^Mon, 2 Mar 2026, 18:00 .*\(Europe\/Berlin\)$/),
      'Remove',
    ]);

    // A second replacement of Ben that overlaps the first is refused at its start.
    await override.getByLabel('Replace', { exact: true }).selectOption('e2e-ben');
    await override.getByLabel('By', { exact: true }).selectOption('e2e-ana');
    await override.getByLabel('Starts (Europe/Berlin)', { exact: true }).fill('2026-03-02T12:00');
    await override.getByLabel('Ends (Europe/Berlin)', { exact: true }).fill('2026-03-02T20:00');
    await override.getByRole('button', { name: 'Add the override' }).click();
    await override.locator(`#override-${ROLE}-start-error`).waitFor();
    const starts = override.getByLabel('Starts (Europe/Berlin)', { exact: true });
    expect((await fieldErrors(page, { starts })).starts).toMatch(/^overlaps overrides\[\d+\], which also replaces "e2e-ben"$/);
    expect(await onCallNow(suite)).toEqual(['e2e-cy']);

    // The lookup asks the API for another instant: tomorrow noon in New York, Ben again.
    const lookup = page.getByRole('form', { name: 'Who is on call at …' });
    await lookup.getByLabel('Role', { exact: true }).selectOption(ROLE);
    await lookup.getByLabel('At (America/New_York)', { exact: true }).fill('2026-03-03T12:00');
    await lookup.getByRole('button', { name: 'Look up' }).click();
    await lookup
      .getByRole('status')
      .getByText(/: Ben Ode$/)
      .waitFor();

    // Removing the override gives Ben his shift back.
    await row.getByRole('button', { name: /^Remove override/ }).click();
    await now.filter({ hasText: /^Ben Ode$/ }).waitFor();
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 120_000);

  it('lets an agent see on-call and people, but edit nothing', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'agent');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On-call' }).click();
    await page.getByTestId(`oncall-now-${ROLE}`).waitFor();
    // The night layer is shown, read-only, in its zone.
    const section = roleSection(page);
    await section.getByRole('heading', { level: 3, name: 'Layer 1 above the rotation' }).waitFor();
    expect(await section.getByText(/^mon 22:00-06:00; tue 22:00-06:00;.*\(Europe\/Berlin\)$/).count()).toBe(1);
    expect(await page.getByText(/^Edit the rotation of /).count()).toBe(0);
    expect(await page.getByText(/^Add an override to /).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await expectNoSeriousViolations(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'e2e-ana' }).waitFor();
    expect(await page.getByRole('form', { name: 'Add a person' }).count()).toBe(0);
    await page.getByRole('link', { name: 'e2e-ana' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
    expect(await page.getByRole('form', { name: 'Edit' }).count()).toBe(0);
    // Her shifts as an iCal file, fetched with the agent's token.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the shifts (iCal)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('e2e-ana-shifts.ics');
    const ical = await readFile((await download.path()) as string, 'utf8');
    expect(ical).toMatch(/^BEGIN:VCALENDAR/);
    expect(ical).toContain(`SUMMARY:On call: ${ROLE}`);
    // The API refuses the agent's write too.
    const refused = await suite.stack.api(
      `/roles/${ROLE}/overrides`,
      {
        method: 'POST',
        body: JSON.stringify({ id: 'agent-try', start: START, end: '2026-03-02T10:00:00Z', kind: 'add', person: 'e2e-ana' }),
      },
      suite.stack.tokens.agent,
    );
    expect(refused.status).toBe(403);
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 90_000);

  it('adds a person: a bad number is refused at its field; the new number is unverified until the texted code is entered', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'admin');
    await page.goto('/directory');
    const form = page.getByRole('form', { name: 'Add a person' });
    const numbers = form.getByLabel('SMS numbers', { exact: true });
    await form.getByLabel('Id', { exact: true }).fill('e2e-dan');
    await form.getByLabel('Name', { exact: true }).fill('Dan Roe');
    await form.getByLabel('Time zone', { exact: true }).fill('Europe/London');
    await form.getByLabel('E-mail', { exact: true }).fill('dan@staff.example');
    await numbers.fill('12345');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.locator('#new-person-numbers-error').waitFor();
    expect(await fieldErrors(page, { numbers })).toEqual({
      numbers: 'must start with + and a country code (national numbers need a default country)',
    });
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Dan Roe');
    await expectNoSeriousViolations(page);

    await numbers.fill('+4917612345699');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('status').getByText('Added').waitFor();
    await page.getByRole('status').getByRole('link', { name: 'Dan Roe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dan Roe' }).waitFor();
    const row = page.getByRole('row', { name: /\+4917612345699/ });
    await row.getByText('unverified: gets no pages until its code is entered').waitFor();
    await page.getByRole('button', { name: 'Send a code to +4917612345699' }).waitFor();
    const verify = page.getByRole('form', { name: 'Verify +4917612345699' });
    // The code goes by SMS (the local stack's outbox); a wrong one is refused at its field, the right one verifies.
    await page.getByRole('button', { name: 'Send a code to +4917612345699' }).click();
    await page
      .getByRole('status')
      .getByText(/^Code sent; it is valid until /)
      .waitFor();
    const outbox = (await (
      await fetch(`${suite.stack.url}/_local/outbox`, { headers: { authorization: `Bearer ${suite.stack.tokens.admin}` } })
    ).json()) as {
      items: Array<{ to?: string; text: string }>;
    };
    const code = /code is (\d{6})/.exec(outbox.items.filter((i) => i.to === '+4917612345699').at(-1)?.text ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const codeField = verify.getByLabel('Code for +4917612345699', { exact: true });
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await verify.getByRole('button', { name: 'Verify' }).click();
    await verify.getByText(/wrong code: 4 attempts left/).waitFor();
    await codeField.fill(code);
    await verify.getByRole('button', { name: 'Verify' }).click();
    await row.getByText(/^verified on /).waitFor();

    // An admin edits the person with the version read.
    const edit = page.getByRole('form', { name: 'Edit' });
    await edit.getByLabel('Name', { exact: true }).fill('Dan Roe-Ng');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit
      .getByRole('status')
      .getByText(/^Saved at /)
      .waitFor();
    await page.getByRole('heading', { level: 1, name: 'Dan Roe-Ng' }).waitFor();
    const stored = (await (await suite.stack.api('/people/e2e-dan', {}, suite.stack.tokens.agent)).json()) as {
      name: string;
      version: number;
    };
    expect(stored).toMatchObject({ name: 'Dan Roe-Ng', version: 3 }); // added, verified, edited
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 90_000);

  it('keeps customers out: no navigation entries, not found, and the API says 403', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'customer:kore-demo');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'Our tickets' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'On-call' }).count()).toBe(0);
    expect(await navigation.getByRole('link', { name: 'People' }).count()).toBe(0);
    for (const path of ['/oncall', '/directory', '/directory/e2e-ana']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    }
    const customer = suite.stack.tokens.customers['kore-demo'];
    for (const path of ['/roles', '/people', '/people/e2e-ana'])
      expect([path, (await suite.stack.api(path, {}, customer)).status]).toEqual([path, 403]);
    await page.context().close();
  }, 90_000);

  it('works in a 360 px wide window', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, viewport: { width: 360, height: 740 } });
    await signInAs(page, suite.stack.url, 'admin');
    for (const [path, ready] of [
      ['/oncall', page.getByTestId(`oncall-now-${ROLE}`)],
      ['/directory', page.getByRole('link', { name: 'e2e-ana' })],
      ['/directory/e2e-ana', page.getByRole('heading', { level: 2, name: 'SMS numbers' })],
    ] as const) {
      await page.goto(path);
      await ready.waitFor();
      // The admin's forms open too.
      for (const summary of await page.locator('summary').all()) await summary.click();
      expect([path, await scrollWidth(page)]).toEqual([path, 360]);
      await expectNoSeriousViolations(page);
    }
    await page.context().close();
  }, 90_000);
});
