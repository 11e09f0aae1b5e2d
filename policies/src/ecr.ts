import { FSBP, resourcePolicy, stackPolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { IDENTIFYING } from "./lib/relations";
import { T } from "./lib/types";
import { at, bool, isSet, list, str } from "./lib/values";

/** ECR: image scanning, immutable tags, customer-managed encryption, lifecycle. */

export const ecrPolicies = [
  resourcePolicy({
    name: "ecr-scan-on-push",
    description: "ECR repositories scan images on push.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ECR.1", title: "ECR private repositories should have image scanning configured" },
    remediationSteps: "Set imageScanningConfiguration: { scanOnPush: true } (or configure registry-level enhanced scanning).",
    prevents: "Images with known vulnerabilities deployed unnoticed.",
    types: T.ecrRepository,
    check: (r) => {
      const scan = bool(at(r.props, "imageScanningConfiguration", "scanOnPush"));
      return scan === true || scan === "unknown" ? [] : [finding(`${where(r.name, r.type)} does not scan images on push`, "set imageScanningConfiguration.scanOnPush: true")];
    },
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
