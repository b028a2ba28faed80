// Placeholder until the page is written.
export function QueuePage() {
  return <h1>QueuePage</h1>;
}
