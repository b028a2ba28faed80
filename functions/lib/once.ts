/**
 * A value built on its first use and kept for the life of the process: a function's production
 * dependencies, and what a cold start may not need (say, the schemas of other routes).
 */

export function once<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
