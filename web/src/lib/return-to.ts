/** Where to go after signing in: only a path of this origin, never `//elsewhere` or `/\elsewhere`. */
export function safeReturnTo(value: string | undefined): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
