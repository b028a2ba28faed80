// Placeholder until the page is written.
export function PortalHome() {
  return <h1>PortalHome</h1>;
}
