/** Errors the domain raises on purpose. `code` is stable; adapters map codes to HTTP or exit statuses. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
