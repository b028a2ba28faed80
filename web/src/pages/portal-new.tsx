// Placeholder until the page is written.
export function PortalNew() {
  return <h1>PortalNew</h1>;
}
