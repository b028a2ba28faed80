export function NotFoundPage() {
  return (
    <section class="narrow">
      <h1>Not found</h1>
      <p>
        There is no such page, or it is not for you. <a href="/">Go to your start page</a>.
      </p>
    </section>
  );
}
