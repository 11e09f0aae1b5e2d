import { FSBP, resourcePolicy, stackPolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { actionMatches } from "./lib/policy-documents";
import { IDENTIFYING, type StackResource, type StackView } from "./lib/relations";
import { T } from "./lib/types";
import { at, bool, isSet, isUnknown, list, str } from "./lib/values";

/** ECR: image scanning, immutable tags, customer-managed encryption, lifecycle. */

/**
 * Whether a registry scanning configuration of the stack scans the repository on push or
 * continuously: ENHANCED or BASIC scanning with a SCAN_ON_PUSH / CONTINUOUS_SCAN rule whose
 * wildcard filter matches the repository name (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html).
 */
function registryScans(stack: StackView, repo: StackResource): boolean {
  const name = repo.props.name;
  return stack.ofType(T.ecrRegistryScanning).some((config) => {
    const rules = list(config.props.rules);
    if (rules === "unknown") return true;
    return rules.some((rule) => {
      const frequency = at(rule, "scanFrequency");
      if (isUnknown(frequency)) return true;
      if (frequency !== "SCAN_ON_PUSH" && frequency !== "CONTINUOUS_SCAN") return false;
      const filters = list(at(rule, "repositoryFilters"));
      if (filters === "unknown") return true;
      return filters.some((f) => {
        const pattern = at(f, "filter");
        return isUnknown(pattern) || typeof pattern !== "string" || typeof name !== "string" || isUnknown(name) || actionMatches(pattern, name);
      });
    });
  });
}

export const ecrPolicies = [
  stackPolicy({
    name: "ecr-scan-on-push",
    description: "ECR repositories are scanned on push or continuously: imageScanningConfiguration.scanOnPush, or a registry scanning configuration of the stack whose rule matches the repository.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ECR.1", title: "ECR private repositories should have image scanning configured" },
    remediationSteps: "Set imageScanningConfiguration: { scanOnPush: true } (or configure registry-level enhanced scanning).",
    prevents: "Images with known vulnerabilities deployed unnoticed.",
    check: (stack) =>
      stack.ofType(T.ecrRepository).flatMap((r) => {
        const scan = bool(at(r.props, "imageScanningConfiguration", "scanOnPush"));
        if (scan === true || scan === "unknown" || registryScans(stack, r)) return [];
        return [{ urn: r.urn, message: finding(`${where(r.name, r.type)} does not scan images on push`, "set imageScanningConfiguration.scanOnPush: true or add a registry scanning rule for it") }];
      }),
  }),
  resourcePolicy({
    name: "ecr-immutable-tags",
    description: "ECR repositories make image tags immutable.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "ECR.2", title: "ECR private repositories should have tag immutability configured" },
    remediationSteps: "Set imageTagMutability: \"IMMUTABLE\" and deploy by digest or unique tag.",
    prevents: "A pushed tag silently replacing the image a service runs.",
    types: T.ecrRepository,
    check: (r) => {
      const m = str(r.props.imageTagMutability);
      return m === "unknown" || (typeof m === "string" && m.startsWith("IMMUTABLE"))
        ? []
        : [finding(`${where(r.name, r.type)} has mutable tags`, "set imageTagMutability: \"IMMUTABLE\"")];
    },
  }),
  resourcePolicy({
    name: "ecr-kms-encryption",
    description: "ECR repositories are encrypted with a customer managed KMS key (encryptionType KMS or KMS_DSSE with kmsKey; KMS without kmsKey uses the AWS managed key aws/ecr).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "ECR.5", title: "ECR repositories should be encrypted with customer managed AWS KMS keys" },
    remediationSteps: "Set encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <key arn> }] (only at creation).",
    prevents: "Images encrypted only with AES256 outside key policies and audit.",
    types: T.ecrRepository,
    check: (r) => {
      const configs = list(r.props.encryptionConfigurations);
      if (configs === "unknown") return [];
      const customerKey = configs.some((c) => {
        const type = str(at(c, "encryptionType"));
        const key = at(c, "kmsKey");
        return type === "unknown" || (typeof type === "string" && type.startsWith("KMS") && isSet(key));
      });
      const managedKms = configs.some((c) => String(at(c, "encryptionType")).startsWith("KMS"));
      return customerKey ? [] : [finding(`${where(r.name, r.type)} is ${managedKms ? "encrypted with the AWS managed key aws/ecr (encryptionType KMS without kmsKey)" : "encrypted with AES256"}, not a customer managed KMS key`, "set encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <customer managed key arn> }]")];
    },
  }),
  stackPolicy({
    name: "ecr-lifecycle-policy",
    description: "Every ECR repository has a lifecycle policy.",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "ECR.3", title: "ECR repositories should have at least one lifecycle policy configured" },
    remediationSteps: "Add aws.ecr.LifecyclePolicy for the repository expiring untagged and old images.",
    prevents: "Unbounded storage of old, unpatched images.",
    check: (stack) =>
      stack.ofType(T.ecrRepository).flatMap((repo) =>
        stack.referencing(repo, T.ecrLifecyclePolicy, "repository", IDENTIFYING.repository).length > 0
          ? []
          : [{ urn: repo.urn, message: finding(`${where(repo.name, repo.type)} has no lifecycle policy`, "add an aws.ecr.LifecyclePolicy whose repository is the repository's name") }],
      ),
  }),
];
