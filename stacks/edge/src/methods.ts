/** The three method sets CloudFront accepts for a cache behavior (API: AllowedMethods). */
export const ALLOWED_METHOD_SETS = [
  ["GET", "HEAD"],
  ["GET", "HEAD", "OPTIONS"],
  ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
] as const;

export type MethodSet = (typeof ALLOWED_METHOD_SETS)[number];

/** The accepted set equal to `methods` (any order), or undefined when CloudFront would reject it. */
export function methodSetName(methods: readonly string[]): MethodSet | undefined {
  const wanted = new Set(methods);
  return ALLOWED_METHOD_SETS.find((set) => set.length === wanted.size && set.every((m) => wanted.has(m)));
}

/** Origin groups fail over only for these methods, so only such behaviors may target a group. */
export function isReadOnly(methods: readonly string[]): boolean {
  return methods.every((m) => m === "GET" || m === "HEAD" || m === "OPTIONS");
}
