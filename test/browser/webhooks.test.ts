import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConsolePage, signInAs, syncClocks } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations, fieldErrors, scrollWidth } from '../support/console-tests.ts';
import { webhookReceiver } from '../support/webhook-receiver.ts';

const START = '2026-03-02T09:00:00Z';

interface Endpoint {
  id: string;
  state: string;
}

describe('the webhook pages', () => {
  const suite = consoleSuite(START);
  // The local stack allows http://127.0.0.1:<port> endpoints; this one answers 204 unless told otherwise.
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  beforeAll(async () => {
    receiver = await webhookReceiver();
  });
  afterAll(() => receiver?.close());

  const endpointsOf = async (token: string | undefined): Promise<Endpoint[]> =>
    ((await (await suite.stack.api('/webhooks', {}, token)).json()) as { items: Endpoint[] }).items;

  async function customerPage(org: string, width = 1280): Promise<Page> {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, viewport: { width, height: 800 } });
    await signInAs(page, suite.stack.url, `customer:${org}`);
    return page;
  }

  it('registers an endpoint for a customer in a 360 px window: a refused URL on its field, then the secret shown once, copied, and never again', async () => {
    const page = await customerPage('kore-demo', 360);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.stack.url });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('No endpoints yet.').waitFor();

    const form = page.getByRole('form', { name: 'Register an endpoint' });
    const url = form.getByLabel('URL', { exact: true });
    await url.fill('http://10.0.0.1/hook');
    await form.getByLabel('ticket.created').check();
    await form.getByLabel('deadline.breached').check();
    await form.getByLabel('Contact e-mail').fill('ops@kore-demo.example');
    await form.getByRole('button', { name: 'Register' }).click();
    await form.locator('#register-url-error').waitFor();
    expect((await fieldErrors(page, { url })).url).toMatch(/https/);
    // Everything typed is still there.
    expect(await form.getByLabel('ticket.created').isChecked()).toBe(true);
    expect(await form.getByLabel('deadline.breached').isChecked()).toBe(true);
    expect(await form.getByLabel('Contact e-mail').inputValue()).toBe('ops@kore-demo.example');

    await url.fill(receiver.url);
    await form.getByRole('button', { name: 'Register' }).click();
    const secretBox = page.getByLabel('Secret', { exact: true });
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await page.getByText('you will not see it again').waitFor();
    expect(await scrollWidth(page)).toBe(360);
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'Copy secret' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
      ),
    ).toBe(secret);

    // Listed, and the secret is gone once dismissed, after a reload, and on the endpoint's page.
    const table = page.getByRole('table', { name: 'Endpoints' });
    await table.getByRole('link', { name: receiver.url }).waitFor();
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await table.getByRole('link', { name: receiver.url }).click();
    await page.getByRole('heading', { level: 1, name: `Webhook ${receiver.url}` }).waitFor();
    await page.getByText('Active', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.context().close();
  }, 120_000);

  it('shows another organisation’s customer none of it: not in their list, and not found by its id', async () => {
    const [endpoint] = await endpointsOf(suite.stack.tokens.customers['kore-demo']);
    expect(endpoint).toBeDefined();
    const page = await customerPage('kidzonet-demo');
    await page.goto('/integrations/webhooks');
    await page.getByText('No endpoints yet.').waitFor();
    expect(await page.getByText(receiver.url).count()).toBe(0);
    await page.goto(`/integrations/webhooks/${endpoint?.id}`);
    await page.getByRole('heading', { level: 1, name: 'Webhook endpoint not found' }).waitFor();
    expect(await page.getByText(receiver.url).count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it('shows staff their own endpoints, and an organisation’s when they name it', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'agent');
    await page.goto('/integrations/webhooks');
    await page.getByRole('heading', { level: 2, name: 'Staff endpoints' }).waitFor();
    await page.getByText('No endpoints yet.').waitFor();
    await page.getByRole('form', { name: 'Register a staff endpoint' }).waitFor();
    await page.getByLabel('Organisation id').fill('kore-demo');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('table', { name: 'Endpoints of kore-demo' }).getByRole('link', { name: receiver.url }).waitFor();
    expect(new URL(page.url()).search).toBe('?org=kore-demo');
    // What staff register is a staff endpoint: never offered under an organisation's heading.
    await expect(page.getByRole('form', { name: /^Register/ }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Staff endpoints' }).waitFor();
    await page.context().close();
  }, 90_000);

  it('manages an endpoint: health and the delivery log as a delivery fails then succeeds, replay, pausing, rotation and deletion', async () => {
    const kore = suite.stack.tokens.customers['kore-demo'];
    const [endpoint] = await endpointsOf(kore);
    const deliveries = async () =>
      (
        (await (await suite.stack.api(`/webhooks/${endpoint?.id}/deliveries`, {}, kore)).json()) as {
          items: { state: string; attempts: unknown[] }[];
        }
      ).items;
    receiver.answer(500);
    const opened = await suite.stack.api(
      '/tickets',
      { method: 'POST', body: JSON.stringify({ subject: 'API down', description: 'All calls fail with 503', severity: 'urgent' }) },
      kore,
    );
    expect(opened.status).toBe(201);
    const { caseId } = (await opened.json()) as { caseId: number };
    const failingSince = async () =>
      ((await (await suite.stack.api(`/webhooks/${endpoint?.id}`, {}, kore)).json()) as { health: { failingSince?: string } }).health
        .failingSince;
    // The sender records the attempt and the endpoint's health apart: wait for both.
    await expect.poll(async () => (await deliveries())[0]?.attempts.length, { timeout: 30_000 }).toBe(1);
    await expect.poll(failingSince, { timeout: 30_000 }).toBe(START.replace('Z', '.000Z'));

    // The first try was refused: failing, and the next try is scheduled.
    const page = await customerPage('kore-demo', 360);
    await page.goto(`/integrations/webhooks/${endpoint?.id}`);
    await page.getByText(/^Failing since .*HTTP 500/).waitFor();
    const row = page.getByRole('table', { name: 'Delivery log' }).getByRole('row', { name: /ticket\.created/ });
    await row.getByText('being delivered').waitFor();
    expect(await row.getByRole('link', { name: String(caseId) }).getAttribute('href')).toBe(`/portal/case/${caseId}`);
    expect(await scrollWidth(page)).toBe(360);
    await expectNoSeriousViolations(page);

    // The retry, 30 s later, is accepted.
    await syncClocks(page, suite.stack, '2026-03-02T09:01:00Z');
    await expect.poll(async () => (await deliveries())[0]?.state, { timeout: 30_000 }).toBe('delivered');
    await expect.poll(failingSince, { timeout: 30_000 }).toBeUndefined();
    await page.reload();
    await page.getByText(/^Healthy/).waitFor();
    await row.getByText(/Last of 2: .*HTTP 204/).waitFor();

    await row.getByRole('button', { name: `Replay ticket.created of case ${caseId}` }).click();
    await page.getByRole('status').getByText('is queued again').waitFor();
    // The same event a third time: the refused try, the accepted retry, the replay.
    const created = () => receiver.received.filter((hook) => hook.headers['webhook-id'] === `evt_${caseId}_v1_created`).length;
    await expect.poll(created, { timeout: 30_000 }).toBe(3);
    await page.getByRole('button', { name: 'Refresh the log' }).click();
    await row.getByRole('cell', { name: 'delivered', exact: true }).waitFor();

    // Paused by its owner: no replay until it is resumed.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Paused by its owner').waitFor();
    await row.getByText('resume the endpoint first').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('Active', { exact: true }).waitFor();
    await row.getByRole('button', { name: /^Replay/ }).waitFor();

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toMatch(/^whsec_/);
    await page.getByText(/signs until/).waitFor();

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByText('Delete this endpoint?').waitFor();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await endpointsOf(kore)).toHaveLength(1);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete the endpoint' }).click();
    await page.waitForURL((address) => address.pathname === '/integrations/webhooks');
    await page.getByText('No endpoints yet.').waitFor();
    expect(await endpointsOf(kore)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
