import { FSBP, PLATFORM, resourcePolicy, stackPolicy, type StackFinding } from "./lib/define";
import { finding, where } from "./lib/messages";
import { grants, isPublicAllow, statementsOf, type Statement } from "./lib/policy-documents";
import { IDENTIFYING, type StackResource, type StackView } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, bool, containsUnknown, isUnknown, jsonDocument, list, str, tags, type Props } from "./lib/values";

/** S3: encryption at rest, public access, transport, data lifecycle. */

const related = (stack: StackView, bucket: StackResource, family: readonly string[]) =>
  stack.referencing(bucket, family, "bucket", IDENTIFYING.bucket);

/** Scalar fields beside sseAlgorithm: an unknown one says nothing about the algorithm. */
const SSE_LEAVES = new Set(["kmsMasterKeyId", "bucketKeyEnabled", "expectedBucketOwner", "bucket", "blockedEncryptionTypes"]);

/** Every sseAlgorithm named in an encryption configuration, whatever its nesting (Bucket, BucketV2, *V2 resource). */
export function sseAlgorithms(value: unknown): (string | "unknown")[] {
  if (isUnknown(value)) return ["unknown"];
  if (Array.isArray(value)) return value.flatMap(sseAlgorithms);
  const record = asRecord(value);
  if (!record) return [];
  return Object.entries(record).flatMap(([key, v]) => (key === "sseAlgorithm" ? [isUnknown(v) ? "unknown" : String(v)] : SSE_LEAVES.has(key) ? [] : sseAlgorithms(v)));
}

function bucketSse(stack: StackView, bucket: StackResource): (string | "unknown")[] {
  const inline = [...sseAlgorithms(bucket.props.serverSideEncryptionConfiguration), ...sseAlgorithms(bucket.props.serverSideEncryptionConfigurations)];
  return [...inline, ...related(stack, bucket, T.bucketSse).flatMap((c) => sseAlgorithms(c.props.rules ?? c.props.rule))];
}

export function checkBucketEncryption(stack: StackView): StackFinding[] {
  return stack.ofType(T.bucket).flatMap((b) =>
    bucketSse(stack, b).length > 0
      ? []
      : [{ urn: b.urn, message: finding(`${where(b.name, b.type)} has no server-side encryption configuration`, "add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket (sseAlgorithm aws:kms with the data class key)") }],
  );
}

export interface KmsConfig {
  readonly classificationTagKey: string;
  readonly kmsDataClassifications: readonly string[];
}

export function checkBucketKms(stack: StackView, config: KmsConfig): StackFinding[] {
  const wanted = new Set(config.kmsDataClassifications.map((c) => c.toLowerCase()));
  return stack.ofType(T.bucket).flatMap((b) => {
    const classification = tags(b.props, b.defaultTags)[config.classificationTagKey];
    if (typeof classification !== "string" || !wanted.has(classification.toLowerCase())) return [];
    const algorithms = bucketSse(stack, b);
    if (algorithms.some((a) => a === "unknown" || a.startsWith("aws:kms"))) return [];
    return [{
      urn: b.urn,
      message: finding(
        `${where(b.name, b.type)} holds ${config.classificationTagKey}=${classification} data but is encrypted with ${algorithms.join(", ") || "no configuration"} instead of a KMS key`,
        "set applyServerSideEncryptionByDefault { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <the data class key> } in its BucketServerSideEncryptionConfiguration",
      ),
    }];
  });
}

const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
type PabFlag = (typeof PAB_FLAGS)[number];

/** Flags a public access block resource leaves off: omitted flags default to false (aws_s3_bucket_public_access_block, aws_s3_account_public_access_block). */
const flagsOff = (props: Props): PabFlag[] => PAB_FLAGS.filter((f) => bool(props[f]) === false || props[f] === undefined);

/**
 * Whether a block public access flag is in force for a bucket: set by a BucketPublicAccessBlock
 * or the account's AccountPublicAccessBlock in the stack, or on by default for a bucket without
 * a BucketPublicAccessBlock (S3 turns all four on for new buckets since April 2023:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
 */
function blockInForce(stack: StackView, bucket: StackResource, flag: PabFlag): boolean {
  const blocks = related(stack, bucket, T.bucketPublicAccessBlock);
  const account = stack.ofType(T.accountPublicAccessBlock);
  if ([...blocks, ...account].some((pab) => bool(pab.props[flag]) !== false && pab.props[flag] !== undefined)) return true;
  return blocks.length === 0;
}

/**
 * S3.8 (s3-bucket-level-public-access-prohibited): the bucket's block public access settings
 * are all on. A bucket without a BucketPublicAccessBlock has them on by default.
 */
export function checkPublicAccessBlock(stack: StackView): StackFinding[] {
  return stack.ofType(T.bucket).flatMap((b) => {
    const blocks = related(stack, b, T.bucketPublicAccessBlock);
    if (blocks.length === 0) return [];
    const off = PAB_FLAGS.filter((f) => blocks.every((pab) => flagsOff(pab.props).includes(f)));
    return off.length === 0 ? [] : [{ urn: b.urn, message: finding(`the public access block of ${where(b.name, b.type)} leaves ${off.join(", ")} off (an omitted flag is false)`, "set all four flags to true") }];
  });
}

const READ_ACTIONS = ["s3:GetObject", "s3:ListBucket"];
const WRITE_ACTIONS = ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl"];

/** Actions of `wanted` that a bucket policy allows to everyone; "unknown" while the document is. */
export function publicPolicyActions(policy: unknown, wanted: readonly string[]): string[] | "unknown" {
  const statements = statementsOf(policy);
  if (statements === "unknown") return "unknown";
  return wanted.filter((a) => statements.some((st) => isPublicAllow(st) && grants(st, a)));
}

/**
 * S3.2 / S3.3 (s3-bucket-public-read-prohibited / -write-prohibited): a bucket is public when its
 * ACL grants the AllUsers or AuthenticatedUsers groups (unless ignorePublicAcls is in force) or
 * its bucket policy allows everyone (unless restrictPublicBuckets is in force).
 */
export function publicAccessFindings(stack: StackView, kind: "read" | "write"): StackFinding[] {
  const wanted = kind === "read" ? READ_ACTIONS : WRITE_ACTIONS;
  const findings: StackFinding[] = [];
  for (const b of stack.ofType(T.bucket)) {
    const reasons: string[] = [];
    if (!blockInForce(stack, b, "ignorePublicAcls")) {
      for (const acl of [b, ...related(stack, b, T.bucketAcl)]) reasons.push(...publicAclReasons(acl.props, kind));
    }
    if (!blockInForce(stack, b, "restrictPublicBuckets")) {
      for (const doc of [b.props.policy, ...related(stack, b, T.bucketPolicy).map((p) => p.props.policy)]) {
        const actions = publicPolicyActions(doc, wanted);
        if (actions !== "unknown" && actions.length > 0) reasons.push(`a bucket policy allowing everyone (Principal "*") ${actions.join(", ")}`);
      }
    }
    if (reasons.length > 0) {
      findings.push({
        urn: b.urn,
        message: finding(`${where(b.name, b.type)} grants public ${kind} through ${reasons.join("; ")}`, `remove the public grant or statement and set ${kind === "read" ? "ignorePublicAcls and restrictPublicBuckets" : "the public access block flags"} to true; grant access through IAM or a CloudFront origin access control`),
      });
    }
  }
  return findings;
}

function publicAclReasons(props: Props, kind: "read" | "write"): string[] {
  const { acl, groups } = publicAclGrants(props);
  const cannedBad = kind === "read" ? acl !== undefined && PUBLIC_READ_ACLS.includes(acl) : acl === "public-read-write";
  const pattern = kind === "read" ? /READ|FULL_CONTROL/ : /WRITE|FULL_CONTROL/;
  return [...(cannedBad ? [`canned ACL ${acl}`] : []), ...groups.filter((g) => pattern.test(g)).map((g) => `grant ${g}`)];
}

/**
 * Whether a policy document denies everyone every S3 action when aws:SecureTransport is false
 * (S3.5, s3-bucket-ssl-requests-only: the statement Security Hub's remediation shows). A Deny
 * for one principal or a few actions leaves the others on plain HTTP. "unknown" when not decidable yet.
 */
export function deniesInsecureTransport(policy: unknown): boolean | "unknown" {
  const parsed = jsonDocument(policy);
  if (!parsed.ok) return parsed.reason === "unknown" ? "unknown" : false;
  const statements = asRecord(parsed.doc)?.Statement;
  const all = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return all.some((s) => {
    const st = asRecord(s);
    if (!st || st.Effect !== "Deny") return false;
    const [normal] = statementsOf({ Statement: [st] }) as readonly Statement[];
    if (!normal?.principals.includes("*") || !grants(normal, "s3:GetObject") || !grants(normal, "s3:PutObject") || !grants(normal, "s3:DeleteBucket")) return false;
    const bool = asRecord(asRecord(st.Condition)?.Bool);
    const secure = bool?.["aws:SecureTransport"];
    return secure === false || secure === "false" || (Array.isArray(secure) && secure.some((v) => v === false || v === "false"));
  });
}

export function checkTlsOnly(stack: StackView): StackFinding[] {
  return stack.ofType(T.bucket).flatMap((b) => {
    const docs = [b.props.policy, ...related(stack, b, T.bucketPolicy).map((p) => p.props.policy)].filter((d) => d !== undefined);
    if (docs.some((d) => deniesInsecureTransport(d) !== false)) return [];
    return [{ urn: b.urn, message: finding(`${where(b.name, b.type)} accepts plain-HTTP requests: no bucket policy denies aws:SecureTransport=false`, "attach an aws.s3.BucketPolicy with a Deny statement for s3:* on the bucket and its objects when Bool aws:SecureTransport is \"false\"") }];
  });
}

function versioningEnabled(stack: StackView, b: StackResource): boolean | "unknown" {
  const inline = bool(asRecord(b.props.versioning)?.enabled);
  if (inline === true || inline === "unknown") return inline;
  for (const v of related(stack, b, T.bucketVersioning)) {
    const status = str(asRecord(v.props.versioningConfiguration)?.status);
    if (status === "Enabled" || status === "unknown" || isUnknown(v.props.versioningConfiguration)) return status === "Enabled" ? true : "unknown";
  }
  return false;
}

export function checkVersioning(stack: StackView): StackFinding[] {
  return stack.ofType(T.bucket).flatMap((b) =>
    versioningEnabled(stack, b) !== false
      ? []
      : [{ urn: b.urn, message: finding(`${where(b.name, b.type)} does not have versioning enabled`, "add an aws.s3.BucketVersioning with versioningConfiguration.status \"Enabled\" (and a lifecycle rule expiring noncurrent versions so erasure completes)") }],
  );
}

export function checkLifecycle(stack: StackView): StackFinding[] {
  return stack.ofType(T.bucket).flatMap((b) => {
    const inline = list(b.props.lifecycleRules);
    if (inline === "unknown" || inline.length > 0 || related(stack, b, T.bucketLifecycle).length > 0) return [];
    return [{ urn: b.urn, message: finding(`${where(b.name, b.type)} has no lifecycle configuration, so its objects are kept forever`, "add an aws.s3.BucketLifecycleConfiguration with expiration rules that match the data's retention") }];
  });
}

const PUBLIC_READ_ACLS = ["public-read", "public-read-write", "authenticated-read"];

/** The canned ACL of a bucket or BucketAcl, and whether its grants give AllUsers/AuthenticatedUsers a permission. */
export function publicAclGrants(props: Props): { acl?: string; groups: string[]; unknown: boolean } {
  const acl = str(props.acl);
  const policy = asRecord(props.accessControlPolicy);
  const grants = [...(Array.isArray(props.grants) ? props.grants : []), ...(Array.isArray(policy?.grants) ? policy.grants : [])];
  const groups = grants.flatMap((g) => {
    const grant = asRecord(g);
    const uri = str(asRecord(grant?.grantee)?.uri) ?? str(grant?.uri);
    const permission = grant?.permission ?? (Array.isArray(grant?.permissions) ? grant.permissions.join(",") : undefined);
    return typeof uri === "string" && /AllUsers|AuthenticatedUsers/.test(uri) ? [`${uri.split("/").pop()}:${String(permission)}`] : [];
  });
  return { ...(typeof acl === "string" && acl !== "unknown" ? { acl } : {}), groups, unknown: acl === "unknown" || containsUnknown(grants) };
}

/** S3.17: every bucket's default encryption is SSE-KMS or DSSE-KMS; without a configuration S3 uses SSE-S3. */
export function checkBucketKmsAll(stack: StackView): StackFinding[] {
  return stack.ofType(T.bucket).flatMap((b) => {
    const algorithms = bucketSse(stack, b);
    if (algorithms.some((a) => a === "unknown" || a.startsWith("aws:kms"))) return [];
    return [{ urn: b.urn, message: finding(`${where(b.name, b.type)} is encrypted with ${algorithms.join(", ") || "S3-managed keys (no encryption configuration, so SSE-S3)"} instead of an AWS KMS key`, "set applyServerSideEncryptionByDefault { sseAlgorithm: \"aws:kms\", kmsMasterKeyId } in its BucketServerSideEncryptionConfiguration") }];
  });
}

export const s3Policies = [
  stackPolicy({
    name: "s3-bucket-encryption-configured",
    description:
      "Every S3 bucket has an explicit server-side encryption configuration (inline or BucketServerSideEncryptionConfiguration). " +
      "Stricter than Security Hub, which retired S3.4 once S3 began encrypting every bucket with SSE-S3 by default (January 2023): " +
      "the platform wants the key choice written down and reviewed with the bucket, not left to a default.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...PLATFORM, reference: "PLAT.S3.1", title: "S3 buckets should declare their server-side encryption configuration (Security Hub's retired S3.4)" },
    remediationSteps: "Create an aws.s3.BucketServerSideEncryptionConfiguration whose bucket is the bucket's id, with sseAlgorithm aws:kms and the data class key.",
    prevents: "Buckets whose encryption depends on an account default nobody reviewed.",
    check: checkBucketEncryption,
  }),
  stackPolicy<KmsConfig>({
    name: "s3-bucket-kms-for-classified-data",
    description:
      "S3 buckets tagged with a data classification that needs a customer key are encrypted with AWS KMS. A mandatory subset of " +
      "Security Hub S3.17 (advisory here as s3-bucket-kms-encryption): personal and confidential data must stay inside key policies " +
      "and CloudTrail key-use audit, while public assets may keep SSE-S3.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...PLATFORM, reference: "PLAT.S3.2", title: "S3 buckets holding classified data should be encrypted with AWS KMS keys" },
    remediationSteps: "Set sseAlgorithm aws:kms and kmsMasterKeyId to the key of the bucket's data class in its encryption configuration.",
    prevents: "Personal or confidential data encrypted only with S3-managed keys, outside key policies and CloudTrail key-use audit.",
    config: {
      schema: {
        classificationTagKey: { type: "string", default: "DataClassification", description: "Tag that carries the data classification." },
        kmsDataClassifications: { type: "array", items: { type: "string" }, default: ["confidential", "restricted", "personal"], description: "Classifications (case-insensitive) that require KMS." },
      },
      defaults: { classificationTagKey: "DataClassification", kmsDataClassifications: ["confidential", "restricted", "personal"] },
    },
    check: checkBucketKms,
  }),
  stackPolicy({
    name: "s3-bucket-kms-encryption",
    description: "S3 buckets are encrypted at rest with AWS KMS (sseAlgorithm aws:kms or aws:kms:dsse); no configuration means SSE-S3.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "S3.17", title: "S3 general purpose buckets should be encrypted at rest with AWS KMS keys" },
    remediationSteps: "Set sseAlgorithm aws:kms (with kmsMasterKeyId and bucketKeyEnabled) in the bucket's encryption configuration.",
    prevents: "Objects encrypted with keys outside key policies and CloudTrail key-use audit.",
    check: checkBucketKmsAll,
  }),
  stackPolicy({
    name: "s3-bucket-public-access-block",
    description: "A bucket's public access block, when the stack declares one, has all four settings on (an omitted flag is false); a bucket without one has all four on by S3's default.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "S3.8", title: "S3 general purpose buckets should block public access" },
    remediationSteps: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true on the aws.s3.BucketPublicAccessBlock.",
    prevents: "A later ACL or bucket policy making objects public.",
    check: checkPublicAccessBlock,
  }),
  resourcePolicy({
    name: "s3-account-public-access-block",
    description: "An account-level S3 public access block has all four settings on (an omitted flag is false).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "S3.1", title: "S3 general purpose buckets should have block public access settings enabled" },
    remediationSteps: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true on aws.s3.AccountPublicAccessBlock.",
    prevents: "Any bucket of the account becoming public through a later ACL or policy.",
    types: T.accountPublicAccessBlock,
    check: (r) => {
      const off = flagsOff(r.props).filter((f) => !isUnknown(r.props[f]));
      return off.length === 0 ? [] : [finding(`${where(r.name, r.type)} leaves ${off.join(", ")} off (an omitted flag is false)`, "set all four flags to true")];
    },
  }),
  resourcePolicy({
    name: "s3-access-point-block-public-access",
    description: "S3 access points keep block public access on (publicAccessBlockConfiguration flags default to true; false fails).",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "S3.19", title: "S3 access points should have block public access settings enabled" },
    remediationSteps: "Remove the false flags from publicAccessBlockConfiguration (they cannot be changed after creation; recreate the access point).",
    prevents: "An access point serving the bucket's objects to everyone.",
    types: T.s3AccessPoint,
    check: (r) => {
      const pab = asRecord(r.props.publicAccessBlockConfiguration) ?? {};
      const off = PAB_FLAGS.filter((f) => bool(pab[f]) === false);
      return off.length === 0 ? [] : [finding(`${where(r.name, r.type)} turns ${off.join(", ")} off`, "leave every publicAccessBlockConfiguration flag at true")];
    },
  }),
  stackPolicy({
    name: "s3-bucket-tls-only",
    description: "Every S3 bucket policy denies everyone (Principal \"*\") all S3 actions on requests that do not use TLS (aws:SecureTransport false).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "S3.5", title: "S3 general purpose buckets should require requests to use SSL" },
    remediationSteps: "Attach a bucket policy with Effect Deny, Principal *, Action s3:*, Resource bucket and bucket/*, Condition Bool aws:SecureTransport \"false\".",
    prevents: "Objects read or written over plain HTTP.",
    check: checkTlsOnly,
  }),
  stackPolicy({
    name: "s3-bucket-versioning",
    description: "S3 buckets have versioning enabled.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "S3.14", title: "S3 general purpose buckets should have versioning enabled" },
    remediationSteps: "Add aws.s3.BucketVersioning with status Enabled and expire noncurrent versions in the lifecycle configuration.",
    prevents: "Unrecoverable overwrites and deletions.",
    check: checkVersioning,
  }),
  stackPolicy({
    name: "s3-bucket-lifecycle",
    description: "S3 buckets have a lifecycle configuration.",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "S3.13", title: "S3 general purpose buckets should have Lifecycle configurations" },
    remediationSteps: "Add aws.s3.BucketLifecycleConfiguration with expiration (and noncurrent version expiration) rules.",
    prevents: "Data kept longer than its retention period allows.",
    check: checkLifecycle,
  }),
  stackPolicy({
    name: "s3-bucket-no-public-read",
    description: "S3 buckets grant no public read: no ACL grant to everyone or all authenticated AWS users (unless ignorePublicAcls is in force), no bucket policy allowing s3:GetObject or s3:ListBucket to Principal \"*\" without a condition pinning the caller (unless restrictPublicBuckets is in force).",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "S3.2", title: "S3 general purpose buckets should block public read access" },
    remediationSteps: "Remove the public canned ACL, grants to the AllUsers / AuthenticatedUsers groups and Allow statements for Principal \"*\"; grant access through IAM or CloudFront OAC.",
    prevents: "Anyone on the internet listing or reading the bucket.",
    check: (stack) => publicAccessFindings(stack, "read"),
  }),
  stackPolicy({
    name: "s3-bucket-no-public-write",
    description: "S3 buckets grant no public write: no ACL write grant to everyone or all authenticated AWS users (unless ignorePublicAcls is in force), no bucket policy allowing s3:PutObject, s3:DeleteObject or s3:PutObjectAcl to Principal \"*\" (unless restrictPublicBuckets is in force).",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "S3.3", title: "S3 general purpose buckets should block public write access" },
    remediationSteps: "Remove the public-read-write canned ACL, WRITE / FULL_CONTROL grants to AllUsers / AuthenticatedUsers and Allow statements for Principal \"*\".",
    prevents: "Anyone on the internet writing or overwriting objects.",
    check: (stack) => publicAccessFindings(stack, "write"),
  }),
];
