import { FSBP, resourcePolicy, stackPolicy, type StackFinding } from "./lib/define";
import { finding, where } from "./lib/messages";
import { IDENTIFYING, type StackResource, type StackView } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, bool, containsUnknown, isUnknown, jsonDocument, list, str, tags, type Props } from "./lib/values";

/** S3: encryption at rest, public access, transport, data lifecycle. */

const related = (stack: StackView, bucket: StackResource, family: readonly string[]) =>
  stack.referencing(bucket, family, "bucket", IDENTIFYING.bucket);

/** Every sseAlgorithm named in an encryption configuration, whatever its nesting (Bucket, BucketV2, *V2 resource). */
export function sseAlgorithms(value: unknown): (string | "unknown")[] {
  if (isUnknown(value)) return ["unknown"];
  if (Array.isArray(value)) return value.flatMap(sseAlgorithms);
  const record = asRecord(value);
  if (!record) return [];
  return Object.entries(record).flatMap(([key, v]) => (key === "sseAlgorithm" ? [isUnknown(v) ? "unknown" : String(v)] : sseAlgorithms(v)));
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

export function checkPublicAccessBlock(stack: StackView): StackFinding[] {
  return stack.ofType(T.bucket).flatMap((b) => {
    const blocks = related(stack, b, T.bucketPublicAccessBlock);
    if (blocks.length === 0) {
      return [{ urn: b.urn, message: finding(`${where(b.name, b.type)} has no public access block`, `add an aws.s3.BucketPublicAccessBlock for it with ${PAB_FLAGS.join(", ")} all true`) }];
    }
    const off = PAB_FLAGS.filter((f) => blocks.every((pab) => bool(pab.props[f]) === false || pab.props[f] === undefined));
    return off.length === 0 ? [] : [{ urn: b.urn, message: finding(`the public access block of ${where(b.name, b.type)} leaves ${off.join(", ")} off`, "set all four flags to true") }];
  });
}

/** Whether a policy document denies requests with aws:SecureTransport false. "unknown" when not decidable yet. */
export function deniesInsecureTransport(policy: unknown): boolean | "unknown" {
  const parsed = jsonDocument(policy);
  if (!parsed.ok) return parsed.reason === "unknown" ? "unknown" : false;
  const statements = asRecord(parsed.doc)?.Statement;
  const all = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return all.some((s) => {
    const st = asRecord(s);
    if (!st || st.Effect !== "Deny") return false;
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

export const s3Policies = [
  stackPolicy({
    name: "s3-bucket-encryption-configured",
    description: "Every S3 bucket has an explicit server-side encryption configuration (inline or BucketServerSideEncryptionConfiguration).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "S3.4", title: "S3 buckets should have server-side encryption enabled" },
    remediationSteps: "Create an aws.s3.BucketServerSideEncryptionConfiguration whose bucket is the bucket's id, with sseAlgorithm aws:kms and the data class key.",
    prevents: "Buckets whose encryption depends on an account default nobody reviewed.",
    check: checkBucketEncryption,
  }),
  stackPolicy<KmsConfig>({
    name: "s3-bucket-kms-for-classified-data",
    description: "S3 buckets tagged with a data classification that needs a customer key are encrypted with AWS KMS.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "S3.17", title: "S3 general purpose buckets should be encrypted at rest with AWS KMS keys" },
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
    name: "s3-bucket-public-access-block",
    description: "Every S3 bucket has a public access block with all four settings on.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "S3.8", title: "S3 general purpose buckets should block public access" },
    remediationSteps: "Add aws.s3.BucketPublicAccessBlock { bucket, blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets: true }.",
    prevents: "A later ACL or bucket policy making objects public.",
    check: checkPublicAccessBlock,
  }),
  stackPolicy({
    name: "s3-bucket-tls-only",
    description: "Every S3 bucket policy denies requests that do not use TLS (aws:SecureTransport false).",
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
  resourcePolicy({
    name: "s3-bucket-no-public-read",
    description: "S3 bucket ACLs do not grant read access to everyone or to all authenticated AWS users.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "S3.2", title: "S3 general purpose buckets should block public read access" },
    remediationSteps: "Remove the public canned ACL (use private) and grants to the AllUsers / AuthenticatedUsers groups; grant access through IAM or CloudFront OAC.",
    prevents: "Anyone on the internet listing or reading the bucket.",
    types: [...T.bucket, ...T.bucketAcl],
    check: (r) => {
      const { acl, groups } = publicAclGrants(r.props);
      const bad = [...(acl && PUBLIC_READ_ACLS.includes(acl) ? [`canned ACL ${acl}`] : []), ...groups.filter((g) => /READ|FULL_CONTROL/.test(g)).map((g) => `grant ${g}`)];
      return bad.length === 0 ? [] : [finding(`${where(r.name, r.type)} grants public read through ${bad.join(", ")}`, "use the private ACL and grant access through IAM or a CloudFront origin access control")];
    },
  }),
  resourcePolicy({
    name: "s3-bucket-no-public-write",
    description: "S3 bucket ACLs do not grant write access to everyone or to all authenticated AWS users.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "S3.3", title: "S3 general purpose buckets should block public write access" },
    remediationSteps: "Remove the public-read-write canned ACL and WRITE / FULL_CONTROL grants to AllUsers / AuthenticatedUsers.",
    prevents: "Anyone on the internet writing or overwriting objects.",
    types: [...T.bucket, ...T.bucketAcl],
    check: (r) => {
      const { acl, groups } = publicAclGrants(r.props);
      const bad = [...(acl === "public-read-write" ? [`canned ACL ${acl}`] : []), ...groups.filter((g) => /WRITE|FULL_CONTROL/.test(g)).map((g) => `grant ${g}`)];
      return bad.length === 0 ? [] : [finding(`${where(r.name, r.type)} grants public write through ${bad.join(", ")}`, "use the private ACL and grant write access through IAM only")];
    },
  }),
];
