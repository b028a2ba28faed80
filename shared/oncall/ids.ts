/** Person, role-override and other on-call ids: slugs such as `ana-lima` (lower-case letters, digits, inner hyphens; at most 64). */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
