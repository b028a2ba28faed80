// Placeholder until the page is written.
export function OrgPage() {
  return <h1>OrgPage</h1>;
}
