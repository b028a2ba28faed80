// Placeholder until the page is written.
export function PortalCase() {
  return <h1>PortalCase</h1>;
}
