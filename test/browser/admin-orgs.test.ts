import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newConsolePage, signInAs } from '../support/browser.ts';
import { type ConsoleStack, STACK_START_TIMEOUT_MS, startConsoleStack } from '../support/console-stack.ts';
import { expectNoSeriousViolations, fieldError, scrollWidth } from '../support/page-checks.ts';

const START = '2026-03-02T09:00:00Z';

describe('the organisations pages (admins)', () => {
  let stack: ConsoleStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startConsoleStack({ clockStart: START }), launchBrowser()]);
  }, STACK_START_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('creates an organisation: the server’s problems appear on their fields, and nothing typed is lost', async () => {
    const page = await newConsolePage(browser, { url: stack.url, at: START });
    await signInAs(page, stack.url, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    // The demo organisations are listed.
    await page
      .getByRole('table')
      .getByRole('link', { name: /kore-demo/ })
      .waitFor();

    const form = page.getByRole('form', { name: 'Create an organisation' });
    const tier = form.getByLabel('Tier', { exact: true });
    const domains = form.getByLabel('E-mail domains', { exact: true });
    await form.getByLabel('Id', { exact: true }).fill('acme');
    await form.getByLabel('Name', { exact: true }).fill('Acme Ltd');
    await form.getByLabel('Policy', { exact: true }).selectOption('kore');
    await tier.selectOption('diamond');
    // Another policy: the tier chosen stays, marked as one it does not offer, for the server to judge.
    await form.getByLabel('Policy', { exact: true }).selectOption('kidzonet');
    await domains.fill('acme.example\nkore-demo.example');
    await form.getByRole('button', { name: 'Create' }).click();

    await form.getByText('policy kidzonet has no tier "diamond"').waitFor();
    expect(await fieldError(page, tier)).toEqual({
      invalid: 'true',
      message: 'policy kidzonet has no tier "diamond" (tiers: standard, premium)',
    });
    expect(await fieldError(page, domains)).toEqual({ invalid: 'false', message: '' });
    await expectNoSeriousViolations(page);

    // A tier the policy has: now the domain another organisation owns is the problem, on its field.
    await tier.selectOption('premium');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByText('e-mail domain kore-demo.example belongs to another organisation').waitFor();
    expect(await fieldError(page, domains)).toEqual({
      invalid: 'true',
      message: 'e-mail domain kore-demo.example belongs to another organisation',
    });
    expect(await fieldError(page, tier)).toEqual({ invalid: 'false', message: '' });
    expect([
      await form.getByLabel('Id', { exact: true }).inputValue(),
      await form.getByLabel('Name', { exact: true }).inputValue(),
    ]).toEqual(['acme', 'Acme Ltd']);
    expect(await domains.inputValue()).toBe('acme.example\nkore-demo.example');

    await domains.fill('acme.example, Mail.Acme.example');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('status').getByText('Created').waitFor();
    await page.getByRole('table').getByRole('link', { name: /acme/ }).first().waitFor();
    const stored = await (await stack.api('/orgs/acme', {}, stack.tokens.admin)).json();
    expect(stored).toMatchObject({
      id: 'acme',
      name: 'Acme Ltd',
      policy: 'kidzonet',
      tier: 'premium',
      emailDomains: ['acme.example', 'mail.acme.example'],
    });
    await page.context().close();
  }, 90_000);

  it('edits an organisation’s policy, tier and e-mail domains, and shows a refusal on its field', async () => {
    const created = await stack.api(
      '/orgs',
      {
        method: 'POST',
        body: JSON.stringify({
          id: 'globex',
          name: 'Globex',
          policy: 'kore',
          tier: 'basic',
          region: 'nl',
          emailDomains: ['globex.example'],
        }),
      },
      stack.tokens.admin,
    );
    expect(created.status).toBe(201);
    const page = await newConsolePage(browser, { url: stack.url, at: START });
    await signInAs(page, stack.url, 'admin');
    await page.goto('/admin/orgs/globex');
    const form = page.getByRole('form', { name: 'Organisation settings' });
    const region = form.getByLabel('Region', { exact: true });
    await form.getByLabel('Tier', { exact: true }).waitFor();
    expect(await form.getByLabel('Tier', { exact: true }).inputValue()).toBe('basic');
    expect(await region.inputValue()).toBe('nl');

    // Tiered has no regions: the region kept from KORE is refused, on the region field.
    await form.getByLabel('Policy', { exact: true }).selectOption('tiered');
    await form.getByLabel('Tier', { exact: true }).selectOption('gold');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('policy tiered has no region "nl"').waitFor();
    expect((await fieldError(page, region)).invalid).toBe('true');

    await region.selectOption('');
    await form.getByLabel('E-mail domains', { exact: true }).fill('globex.example\nsupport.globex.example');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').getByText('Saved').waitFor();
    const stored = await (await stack.api('/orgs/globex', {}, stack.tokens.admin)).json();
    expect(stored).toMatchObject({ policy: 'tiered', tier: 'gold', emailDomains: ['globex.example', 'support.globex.example'] });
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 90_000);

  it('works in a 360 px wide window', async () => {
    const page = await newConsolePage(browser, { url: stack.url, at: START, viewport: { width: 360, height: 740 } });
    await signInAs(page, stack.url, 'admin');
    for (const path of ['/admin/orgs', '/admin/orgs/kore-demo']) {
      await page.goto(path);
      await page.getByLabel('E-mail domains', { exact: true }).waitFor();
      expect([path, await scrollWidth(page)]).toEqual([path, 360]);
      await expectNoSeriousViolations(page);
    }
    await page.context().close();
  }, 90_000);

  it('shows an agent no Organisations link, and /admin/orgs as not found', async () => {
    const page = await newConsolePage(browser, { url: stack.url, at: START });
    await signInAs(page, stack.url, 'agent');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'Queue' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Organisations' }).count()).toBe(0);
    await page.goto('/admin/orgs');
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.getByRole('form', { name: 'Create an organisation' }).count()).toBe(0);
    // The API is the authority: the agent's token is refused there too.
    expect((await stack.api('/orgs/kore-demo', {}, stack.tokens.agent)).status).toBe(403);
    await page.context().close();
  }, 90_000);
});
