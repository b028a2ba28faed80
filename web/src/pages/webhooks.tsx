// Placeholder until the page is written.
export function WebhooksPage() {
  return <h1>WebhooksPage</h1>;
}
