/** Message helpers so every finding names the resource and ends with the fix. */
export function where(name: string, type: string): string {
  const short = type.split(":").pop() ?? type;
  return `${short} "${name}"`;
}

export function finding(what: string, fix: string): string {
  return `${what}. Fix: ${fix}`;
}
