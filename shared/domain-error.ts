/** Errors the domain raises on purpose. `code` is stable; adapters map codes to HTTP or exit statuses. */

export interface FieldError {
  /** `fields.softwareVersion`, `severities.high.escalation[0].page[1]`; empty for the whole input. */
  readonly path: string;
  readonly message: string;
}

export type DomainErrorCode =
  | 'invalid_config'
  | 'unknown_policy'
  | 'unknown_calendar'
  | 'unknown_severity'
  | 'unknown_tier'
  | 'unknown_region'
  | 'policy_mismatch'
  | 'validation_failed'
  /** An instant the policy cannot plan for (beyond the years its holidays were compiled for). */
  | 'out_of_range'
  /** Malformed input outside a body (a cursor, a path): 400. */
  | 'bad_request'
  /** The caller is not signed in (no valid token). */
  | 'unauthenticated'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'version_conflict'
  /** Too many requests for now: see `RateLimited`. */
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A request refused for now because its organisation used up its budget; it may be retried after `retryAfterSeconds`. */
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
    this.name = 'RateLimited';
  }
}
