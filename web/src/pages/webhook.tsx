// Placeholder until the page is written.
export function WebhookPage() {
  return <h1>WebhookPage</h1>;
}
