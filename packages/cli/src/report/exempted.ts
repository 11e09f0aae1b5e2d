/**
 * Exempted findings. The policy pack reports a violation a reviewed exemption accepts as an
 * advisory whose message has a line `exempted (<reason>; owner <owner>; expires <date>;
 * exemptions[<n>]): <finding>` (policies/src/lib/exemptions.ts `exemptedMessage`); the analyzer
 * protocol has no other field for it, so the plan and the report recognise that line.
 */
const EXEMPTED_LINE = /^exempted \((.+?; owner .+?; expires \d{4}-\d{2}-\d{2}; exemptions\[\d+\])\): /m;

/** The exemption's "reason; owner ...; expires ...; exemptions[n]" when the finding is exempted. */
export function exemptionOf(v: { readonly enforcementLevel: string; readonly message: string }): string | undefined {
  if (v.enforcementLevel !== "advisory") return undefined;
  return EXEMPTED_LINE.exec(v.message)?.[1];
}

export const isExempted = (v: { readonly enforcementLevel: string; readonly message: string }): boolean => exemptionOf(v) !== undefined;
