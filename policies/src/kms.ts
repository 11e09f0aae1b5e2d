import { FSBP, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
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
];
