import { OFFLINE_ACCOUNT_ID, stableHex, stableUuid } from "./identity";

/** What an id rule is given: the resolved inputs, the resource's provider region, and its seed. */
export interface IdContext {
  readonly inputs: Record<string, unknown>;
  readonly region: string;
  readonly seed: string;
  /** The physical name the provider would use: the `name` input, else an auto-name. */
  readonly name: string;
}

export interface IdAnswer {
  readonly id: string;
  /** Computed outputs that come with the id (ARNs and the like). */
  readonly state?: Record<string, unknown>;
}

type IdRule = (ctx: IdContext) => IdAnswer;

const acct = OFFLINE_ACCOUNT_ID;
const str = (v: unknown, fallback: string): string => (typeof v === "string" && v !== "" ? v : fallback);

/** The id shape of a resource that is addressed by its parent bucket (the S3 bucket-config family). */
const byBucket: IdRule = ({ inputs }) => ({ id: str(inputs.bucket, "bucket") });

/** Terraform's `id.PrefixedUniqueId`: the prefix, an 18-digit UTC timestamp, then an 8-hex counter. */
function prefixedUniqueId(prefix: string, seed: string): string {
  return `${prefix}202601010000000000${stableHex(seed, 8)}`;
}

/** The role name AWS gives a service-linked role (IAM User Guide, "Using service-linked roles"). */
const SERVICE_LINKED_ROLE_NAMES: Record<string, string> = {
  "config.amazonaws.com": "AWSServiceRoleForConfig",
  "ecs.amazonaws.com": "AWSServiceRoleForECS",
  "guardduty.amazonaws.com": "AWSServiceRoleForAmazonGuardDuty",
  "securityhub.amazonaws.com": "AWSServiceRoleForSecurityHub",
  "access-analyzer.amazonaws.com": "AWSServiceRoleForAccessAnalyzer",
  "elasticloadbalancing.amazonaws.com": "AWSServiceRoleForElasticLoadBalancing",
  "ecs.application-autoscaling.amazonaws.com": "AWSServiceRoleForApplicationAutoScaling_ECSService",
};

/**
 * Ids the provider sets on create, by type token. Each shape is the one the resource's
 * Terraform implementation sets with `d.SetId` and its docs' Import section names
 * (hashicorp/terraform-provider-aws website/docs/r/<resource>.html.markdown, "Import"):
 * a name, a composite of the parent and a name, a UUID, or a service-generated token.
 */
export const ID_RULES: Record<string, IdRule> = {
  "aws:accessanalyzer/analyzer:Analyzer": ({ inputs, region, name }) => {
    const analyzer = str(inputs.analyzerName, name);
    return { id: analyzer, state: { arn: `arn:aws:access-analyzer:${region}:${acct}:analyzer/${analyzer}` } };
  },
  // internal/service/acm/certificate_validation.go: d.SetId(aws.ToTime(certificate.IssuedAt).String()).
  "aws:acm/certificateValidation:CertificateValidation": () => ({ id: "2026-01-01 00:00:00 +0000 UTC" }),
  "aws:appautoscaling/policy:Policy": ({ inputs, region, seed, name }) => ({
    id: name,
    state: { arn: `arn:aws:autoscaling:${region}:${acct}:scalingPolicy:${stableUuid(seed)}:resource/${str(inputs.serviceNamespace, "ecs")}/${str(inputs.resourceId, "")}:policyName/${name}` },
  }),
  "aws:appautoscaling/target:Target": ({ inputs, region, seed }) => ({
    id: str(inputs.resourceId, "service/cluster/service"),
    state: { arn: `arn:aws:application-autoscaling:${region}:${acct}:scalable-target/${stableHex(seed, 36)}` },
  }),
  // AWS Config keeps one recorder and one delivery channel per region, named "default" unless set.
  "aws:cfg/deliveryChannel:DeliveryChannel": ({ inputs }) => ({ id: str(inputs.name, "default") }),
  "aws:cfg/recorder:Recorder": ({ inputs }) => ({ id: str(inputs.name, "default") }),
  "aws:cfg/recorderStatus:RecorderStatus": ({ inputs }) => ({ id: str(inputs.name, "default") }),
  // CloudFront policies are addressed by a UUID the service assigns (CreateCachePolicy et al.).
  "aws:cloudfront/cachePolicy:CachePolicy": ({ seed }) => ({ id: stableUuid(seed), state: { etag: `E${stableHex(`${seed}/etag`, 13).toUpperCase()}` } }),
  "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": ({ seed }) => ({ id: stableUuid(seed), state: { etag: `E${stableHex(`${seed}/etag`, 13).toUpperCase()}` } }),
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": ({ seed }) => ({ id: stableUuid(seed), state: { etag: `E${stableHex(`${seed}/etag`, 13).toUpperCase()}` } }),
  "aws:cloudfront/monitoringSubscription:MonitoringSubscription": ({ inputs }) => ({ id: str(inputs.distributionId, "E0000000000000") }),
  // internal/service/cloudtrail/trail.go reads the trail back by ARN (findTrailByARN): the id is the ARN.
  "aws:cloudtrail/trail:Trail": ({ region, name }) => {
    const arn = `arn:aws:cloudtrail:${region}:${acct}:trail/${name}`;
    return { id: arn, state: { arn, homeRegion: region, name } };
  },
  "aws:cloudwatch/dashboard:Dashboard": ({ inputs, name }) => {
    const dashboard = str(inputs.dashboardName, name);
    return { id: dashboard, state: { dashboardArn: `arn:aws:cloudwatch::${acct}:dashboard/${dashboard}` } };
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": ({ region, name }) => ({ id: name, state: { arn: `arn:aws:cloudwatch:${region}:${acct}:alarm:${name}` } }),
  // CreateDelivery returns a 16-character alphanumeric id (docs/r/cloudwatch_log_delivery: "jsoGVi4Zq8VlYp9n").
  "aws:cloudwatch/logDelivery:LogDelivery": ({ region, seed }) => {
    const id = Buffer.from(stableHex(seed, 24), "hex").toString("base64").replace(/[^A-Za-z0-9]/g, "x").slice(0, 16);
    return { id, state: { arn: `arn:aws:logs:${region}:${acct}:delivery:${id}` } };
  },
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": ({ region, name }) => ({ id: name, state: { arn: `arn:aws:logs:${region}:${acct}:delivery-destination:${name}` } }),
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": ({ region, name }) => ({ id: name, state: { arn: `arn:aws:logs:${region}:${acct}:delivery-source:${name}` } }),
  "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment": ({ inputs, region, seed }) => ({ id: str(inputs.identityPoolId, `${region}:${stableUuid(seed)}`) }),
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": ({ inputs }) => ({ id: str(inputs.repository, "repository"), state: { registryId: acct } }),
  // A GuardDuty detector id is 32 lowercase hex characters (CreateDetector, DetectorId pattern).
  "aws:guardduty/detector:Detector": ({ region, seed }) => {
    const id = stableHex(seed, 32);
    return { id, state: { accountId: acct, arn: `arn:aws:guardduty:${region}:${acct}:detector/${id}` } };
  },
  // internal/service/guardduty/detector_feature.go: the id joins detector id and feature name with "/".
  "aws:guardduty/detectorFeature:DetectorFeature": ({ inputs, seed }) => ({ id: `${str(inputs.detectorId, stableHex(seed, 32))}/${str(inputs.name, "FEATURE")}` }),
  // internal/service/iam/role_policy.go: "<role>:<policy name>".
  "aws:iam/rolePolicy:RolePolicy": ({ inputs, name }) => ({ id: `${str(inputs.role, "role")}:${name}`, state: { name } }),
  // internal/service/iam/role_policy_attachment.go: d.SetId(id.PrefixedUniqueId(fmt.Sprintf("%s-", role))).
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ({ inputs, seed }) => ({ id: prefixedUniqueId(`${str(inputs.role, "role")}-`, seed) }),
  "aws:iam/serviceLinkedRole:ServiceLinkedRole": ({ inputs, seed }) => {
    const service = str(inputs.awsServiceName, "service.amazonaws.com");
    const roleName = SERVICE_LINKED_ROLE_NAMES[service] ?? `AWSServiceRoleFor${service.split(".")[0].replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;
    const arn = `arn:aws:iam::${acct}:role/aws-service-role/${service}/${roleName}${inputs.customSuffix ? `_${String(inputs.customSuffix)}` : ""}`;
    return { id: arn, state: { arn, name: roleName, path: `/aws-service-role/${service}/`, uniqueId: `AROA${stableHex(seed, 17).toUpperCase()}` } };
  },
  "aws:rds/clusterInstance:ClusterInstance": ({ inputs, region, seed, name }) => {
    const identifier = str(inputs.identifier, name);
    return {
      id: identifier,
      state: { identifier, arn: `arn:aws:rds:${region}:${acct}:db:${identifier}`, endpoint: `${identifier}.${stableHex(seed, 12)}.${region}.rds.amazonaws.com`, dbiResourceId: `db-${stableHex(seed, 26).toUpperCase()}` },
    };
  },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": ({ region, name }) => ({ id: name, state: { name, arn: `arn:aws:rds:${region}:${acct}:cluster-pg:${name}` } }),
  "aws:rds/subnetGroup:SubnetGroup": ({ region, name }) => ({ id: name, state: { name, arn: `arn:aws:rds:${region}:${acct}:subgrp:${name}` } }),
  // internal/service/route53/record.go: "<zone id>_<name>_<type>", plus "_<set identifier>" when set.
  "aws:route53/record:Record": ({ inputs }) => {
    const fqdn = str(inputs.name, "record").replace(/\.$/, "");
    const set = typeof inputs.setIdentifier === "string" && inputs.setIdentifier !== "" ? `_${inputs.setIdentifier}` : "";
    return { id: `${str(inputs.zoneId, "Z0")}_${fqdn}_${str(inputs.type, "A")}${set}`, state: { fqdn } };
  },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": byBucket,
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": byBucket,
  "aws:s3/bucketPolicy:BucketPolicy": byBucket,
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": byBucket,
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": byBucket,
  "aws:s3/bucketVersioning:BucketVersioning": byBucket,
  // internal/service/scheduler/schedule.go: "<group name>/<schedule name>", the group "default" unless set.
  "aws:scheduler/schedule:Schedule": ({ inputs, region, name }) => {
    const group = str(inputs.groupName, "default");
    return { id: `${group}/${name}`, state: { name, groupName: group, arn: `arn:aws:scheduler:${region}:${acct}:schedule/${group}/${name}` } };
  },
  "aws:securityhub/account:Account": ({ region }) => ({ id: acct, state: { arn: `arn:aws:securityhub:${region}:${acct}:hub/default` } }),
  // The subscription ARN: the standard's ARN with this account and region, "standards/" (or "ruleset/") -> "subscription/".
  "aws:securityhub/standardsSubscription:StandardsSubscription": ({ inputs, region }) => {
    const standard = str(inputs.standardsArn, "arn:aws:securityhub:::standards/unknown/v/1.0.0");
    const path = standard.split(":").slice(5).join(":").replace(/^(standards|ruleset)\//, "");
    return { id: `arn:aws:securityhub:${region}:${acct}:subscription/${path}` };
  },
};
