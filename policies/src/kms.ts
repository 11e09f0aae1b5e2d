import { FSBP, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { isPublicAllow, statementsOf } from "./lib/policy-documents";
import { bool, str } from "./lib/values";

/** KMS: automatic rotation of symmetric keys. */

function rotatable(props: Readonly<Record<string, unknown>>): boolean {
  const spec = str(props.customerMasterKeySpec) ?? str(props.keySpec) ?? "SYMMETRIC_DEFAULT";
  const usage = str(props.keyUsage) ?? "ENCRYPT_DECRYPT";
  // AWS rotates only symmetric encryption keys in AWS-managed key material.
  return spec === "SYMMETRIC_DEFAULT" && usage === "ENCRYPT_DECRYPT" && props.customKeyStoreId === undefined;
}

const check = (r: { name: string; type: string; props: Readonly<Record<string, unknown>> }) => {
  if (!rotatable(r.props)) return [];
  const on = bool(r.props.enableKeyRotation);
  return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} does not rotate its key material`, "set enableKeyRotation: true")];
};

export const kmsPolicies = [
  resourcePolicy({
    name: "kms-key-rotation",
    description: "Symmetric customer-managed KMS keys rotate automatically.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "KMS.4", title: "AWS KMS key rotation should be enabled" },
    remediationSteps: "Set enableKeyRotation: true (optionally rotationPeriodInDays).",
    prevents: "Key material used indefinitely.",
    types: T.kmsKey,
    check,
  }),
  resourcePolicy({
    name: "kms-key-not-public",
    description: "KMS key policies do not allow everyone (Principal \"*\") without a condition pinning the caller's account, organisation or service.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "KMS.5", title: "KMS keys should not be publicly accessible" },
    remediationSteps: "Name the principals (account root, roles, services) in the key policy, or add aws:PrincipalOrgID / kms:CallerAccount conditions.",
    prevents: "Anyone with an AWS account using the key to decrypt or encrypt.",
    types: T.kmsKey,
    check: (r) => {
      const statements = statementsOf(r.props.policy);
      if (statements === "unknown" || !statements.some(isPublicAllow)) return [];
      return [finding(`${where(r.name, r.type)} has a key policy statement allowing Principal "*" without a restricting condition`, "name the principals or add an aws:PrincipalOrgID or kms:CallerAccount condition")];
    },
  }),
];
