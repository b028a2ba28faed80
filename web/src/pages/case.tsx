// Placeholder until the page is written.
export function CasePage() {
  return <h1>CasePage</h1>;
}
