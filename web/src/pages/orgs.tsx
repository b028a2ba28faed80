// Placeholder until the page is written.
export function OrgsPage() {
  return <h1>OrgsPage</h1>;
}
