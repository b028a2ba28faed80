import { describe, expect, it } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations, fieldErrors, scrollWidth } from '../support/console-tests.ts';

const START = '2026-03-02T09:00:00Z';

describe('the organisations pages (admins)', () => {
  const suite = consoleSuite(START);

  it('creates an organisation: the server’s problems appear on their fields, and nothing typed is lost', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'admin');
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

    await form.locator('#new-org-tier-error').waitFor();
    expect(await fieldErrors(page, { tier, domains })).toEqual({
      tier: 'policy kidzonet has no tier "diamond" (tiers: standard, premium)',
      domains: undefined,
    });
    await expectNoSeriousViolations(page);

    // A tier the policy has: now the domain another organisation owns is the problem, on its field.
    await tier.selectOption('premium');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.locator('#new-org-domains-error').waitFor();
    expect(await fieldErrors(page, { tier, domains })).toEqual({
      tier: undefined,
      domains: 'e-mail domain kore-demo.example belongs to another organisation',
    });
    expect([
      await form.getByLabel('Id', { exact: true }).inputValue(),
      await form.getByLabel('Name', { exact: true }).inputValue(),
    ]).toEqual(['acme', 'Acme Ltd']);
    expect(await domains.inputValue()).toBe('acme.example\nkore-demo.example');

    await domains.fill('acme.example, Mail.Acme.example');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('status').getByText('Created').waitFor();
    await page.getByRole('table').getByRole('link', { name: /acme/ }).first().waitFor();
    const stored = await (await suite.stack.api('/orgs/acme', {}, suite.stack.tokens.admin)).json();
    expect(stored).toMatchObject({
      id: 'acme',
      name: 'Acme Ltd',
      policy: 'kidzonet',
      tier: 'premium',
      emailDomains: ['acme.example', 'mail.acme.example'],
    });
    await page.context().close();
  }, 90_000);

  it('edits an organisation’s policy, tier, e-mail domains and monthly report e-mail, and shows a refusal on its field', async () => {
    const created = await suite.stack.api(
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
      suite.stack.tokens.admin,
    );
    expect(created.status).toBe(201);
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'admin');
    await page.goto('/admin/orgs/globex');
    const form = page.getByRole('form', { name: 'Settings' });
    const region = form.getByLabel('Region', { exact: true });
    await form.getByLabel('Tier', { exact: true }).waitFor();
    expect(await form.getByLabel('Tier', { exact: true }).inputValue()).toBe('basic');
    expect(await region.inputValue()).toBe('nl');

    // Tiered has no regions: the region kept from KORE is refused, on the region field.
    await form.getByLabel('Policy', { exact: true }).selectOption('tiered');
    await form.getByLabel('Tier', { exact: true }).selectOption('gold');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('#org-region-error').waitFor();
    expect((await fieldErrors(page, { region })).region).toMatch(/no region "nl"/);

    await region.selectOption('');
    await form.getByLabel('E-mail domains', { exact: true }).fill('globex.example\nsupport.globex.example');
    // The monthly SLA report e-mail is off until asked for.
    const monthly = form.getByLabel(/E-mail the contacts last month’s SLA report/);
    expect(await monthly.isChecked()).toBe(false);
    await monthly.check();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').getByText('Saved').waitFor();
    const stored = await (await suite.stack.api('/orgs/globex', {}, suite.stack.tokens.admin)).json();
    expect(stored).toMatchObject({
      policy: 'tiered',
      tier: 'gold',
      emailDomains: ['globex.example', 'support.globex.example'],
      monthlyReport: true,
    });
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 90_000);

  it('works in a 360 px wide window', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, viewport: { width: 360, height: 740 } });
    await signInAs(page, suite.stack.url, 'admin');
    for (const path of ['/admin/orgs', '/admin/orgs/kore-demo']) {
      await page.goto(path);
      await page.getByLabel('E-mail domains', { exact: true }).waitFor();
      expect([path, await scrollWidth(page)]).toEqual([path, 360]);
      await expectNoSeriousViolations(page);
    }
    await page.context().close();
  }, 90_000);

  it('shows an agent no Organisations link, and /admin/orgs as not found', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'agent');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'Queue' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Organisations' }).count()).toBe(0);
    await page.goto('/admin/orgs');
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.getByRole('form', { name: 'Create an organisation' }).count()).toBe(0);
    // The API is the authority: the agent's token is refused there too.
    expect((await suite.stack.api('/orgs/kore-demo', {}, suite.stack.tokens.agent)).status).toBe(403);
    await page.context().close();
  }, 90_000);
});
