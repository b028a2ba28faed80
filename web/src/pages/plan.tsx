// Placeholder until the page is written.
export function PlanPage() {
  return <h1>PlanPage</h1>;
}
