import fc from "fast-check";
import { plain, resourcesOf, runStacks, type StackRun } from "@platform/offline";
import { WORKLOAD_ROLE_PATH, type PolicyDocument } from "@platform/components";
import { deployPermissionsPolicy, STACK_PERMISSIONS, type DeployedStack } from "../src/deploy-permissions";
import { isAllowed, type Request } from "./iam-evaluator";

/**
 * Hand-kept table: every resource type (and data-source read) each stack creates, with the calls
 * the deploy role must be allowed to make for it. The offline run below proves the table lists
 * every type the stacks really create, so a new resource type fails here until its permissions
 * are added to bootstrap/src/deploy-permissions.ts.
 */
const scope = { accountId: "111122223333", region: "ap-northeast-1", partition: "aws" };
const boundary = "arn:aws:iam::111122223333:policy/platform-workload-boundary";
const role = (name: string) => `arn:aws:iam::111122223333:role/${name}`;
const workload = role(`${WORKLOAD_ROLE_PATH.slice(1)}workload`);
const slr = (service: string, name: string): Request[] => [
  { action: "iam:CreateServiceLinkedRole", resource: role(`aws-service-role/${service}/${name}`), context: { "iam:AWSServiceName": service } },
];
const anywhere = (...actions: string[]): Request[] => actions.map((action) => ({ action, resource: "*" }));
const passRole = (service: string): Request => ({ action: "iam:PassRole", resource: workload, context: { "iam:PassedToService": service } });
const keyIn = (region: string): Request[] => [
  { action: "kms:CreateKey", resource: "*" },
  ...["kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:TagResource", "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ScheduleKeyDeletion"].map((action) => ({
    action,
    resource: `arn:aws:kms:${region}:111122223333:key/k`,
  })),
];
const bucket: Record<string, Request[]> = {
  "aws:s3/bucket:Bucket": anywhere("s3:CreateBucket", "s3:PutBucketTagging", "s3:GetBucketPolicy", "s3:DeleteBucket"),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": anywhere("s3:PutLifecycleConfiguration"),
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": anywhere("s3:PutBucketOwnershipControls"),
  "aws:s3/bucketPolicy:BucketPolicy": anywhere("s3:PutBucketPolicy"),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": anywhere("s3:PutBucketPublicAccessBlock"),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": anywhere("s3:PutEncryptionConfiguration"),
  "aws:s3/bucketVersioning:BucketVersioning": anywhere("s3:PutBucketVersioning"),
};
const logGroup = anywhere("logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:TagResource");
const workloadRole: Record<string, Request[]> = {
  "aws:iam/role:Role": [
    { action: "iam:CreateRole", resource: workload, context: { "iam:PermissionsBoundary": boundary } },
    { action: "iam:TagRole", resource: workload },
    { action: "iam:UpdateAssumeRolePolicy", resource: workload },
    { action: "iam:DeleteRole", resource: workload },
  ],
  "aws:iam/rolePolicy:RolePolicy": [{ action: "iam:PutRolePolicy", resource: workload, context: { "iam:PermissionsBoundary": boundary } }],
};

const TABLE: { readonly [S in DeployedStack]: Readonly<Record<string, readonly Request[]>> } = {
  security: {
    ...bucket,
    "aws:accessanalyzer/analyzer:Analyzer": [...anywhere("access-analyzer:CreateAnalyzer"), ...slr("access-analyzer.amazonaws.com", "AWSServiceRoleForAccessAnalyzer")],
    "aws:cfg/deliveryChannel:DeliveryChannel": anywhere("config:PutDeliveryChannel"),
    "aws:cfg/recorder:Recorder": [
      ...anywhere("config:PutConfigurationRecorder"),
      { action: "iam:PassRole", resource: role("aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"), context: { "iam:PassedToService": "config.amazonaws.com" } },
    ],
    "aws:cfg/recorderStatus:RecorderStatus": anywhere("config:StartConfigurationRecorder"),
    "aws:cloudtrail/trail:Trail": anywhere("cloudtrail:CreateTrail", "cloudtrail:StartLogging", "cloudtrail:AddTags"),
    "aws:guardduty/detector:Detector": [...anywhere("guardduty:CreateDetector"), ...slr("guardduty.amazonaws.com", "AWSServiceRoleForAmazonGuardDuty")],
    "aws:guardduty/detectorFeature:DetectorFeature": anywhere("guardduty:UpdateDetector"),
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": [
      ...slr("config.amazonaws.com", "AWSServiceRoleForConfig"),
      ...["iam:TagRole", "iam:DeleteServiceLinkedRole", "iam:GetServiceLinkedRoleDeletionStatus"].map((action) => ({
        action,
        resource: role("aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"),
      })),
    ],
    "aws:kms/alias:Alias": anywhere("kms:CreateAlias"),
    "aws:kms/key:Key": anywhere("kms:CreateKey", "kms:PutKeyPolicy", "kms:EnableKeyRotation"),
    "aws:securityhub/account:Account": [...anywhere("securityhub:EnableSecurityHub"), ...slr("securityhub.amazonaws.com", "AWSServiceRoleForSecurityHub")],
    "aws:securityhub/standardsSubscription:StandardsSubscription": anywhere("securityhub:BatchEnableStandards"),
    "aws:organizations/policy:Policy": anywhere("organizations:CreatePolicy"),
    "aws:organizations/policyAttachment:PolicyAttachment": anywhere("organizations:AttachPolicy"),
  },
  network: {
    ...workloadRole,
    "aws:cloudwatch/logGroup:LogGroup": logGroup,
    "aws:ec2/defaultRouteTable:DefaultRouteTable": anywhere("ec2:DescribeRouteTables", "ec2:CreateRoute", "ec2:DeleteRoute"),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": anywhere("ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"),
    "aws:ec2/flowLog:FlowLog": [...anywhere("ec2:CreateFlowLogs"), passRole("vpc-flow-logs.amazonaws.com")],
    "aws:ec2/internetGateway:InternetGateway": anywhere("ec2:CreateInternetGateway", "ec2:AttachInternetGateway"),
    "aws:ec2/routeTable:RouteTable": anywhere("ec2:CreateRouteTable"),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": anywhere("ec2:AssociateRouteTable"),
    "aws:ec2/securityGroup:SecurityGroup": anywhere("ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress"),
    "aws:ec2/subnet:Subnet": anywhere("ec2:CreateSubnet"),
    "aws:ec2/vpc:Vpc": anywhere("ec2:CreateVpc", "ec2:ModifyVpcAttribute", "ec2:CreateTags"),
    "aws:ec2/vpcEndpoint:VpcEndpoint": anywhere("ec2:CreateVpcEndpoint", "route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone"),
    "aws:kms/key:Key": keyIn("ap-northeast-1"),
  },
  app: {
    ...bucket,
    ...workloadRole,
    "invoke:aws:ec2/getManagedPrefixList": anywhere("ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries"),
    "aws:appautoscaling/policy:Policy": [
      ...anywhere("application-autoscaling:PutScalingPolicy", "cloudwatch:DescribeAlarms"),
      ...["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"].map((action) => ({
        action,
        resource: "arn:aws:cloudwatch:ap-northeast-1:111122223333:alarm:TargetTracking-service/platform/api-AlarmHigh-1",
      })),
    ],
    "aws:appautoscaling/target:Target": [
      ...anywhere("application-autoscaling:RegisterScalableTarget"),
      ...slr("ecs.application-autoscaling.amazonaws.com", "AWSServiceRoleForApplicationAutoScaling_ECSService"),
    ],
    "aws:cloudwatch/logGroup:LogGroup": logGroup,
    "aws:ec2/securityGroup:SecurityGroup": anywhere("ec2:CreateSecurityGroup"),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": anywhere("ec2:AuthorizeSecurityGroupEgress"),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": anywhere("ec2:AuthorizeSecurityGroupIngress"),
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": anywhere("ecr:PutLifecyclePolicy"),
    "aws:ecr/repository:Repository": anywhere("ecr:CreateRepository"),
    "awsx:ecr:Image": anywhere("ecr:GetAuthorizationToken", "ecr:PutImage", "ecr:InitiateLayerUpload"),
    "aws:ecs/cluster:Cluster": [...anywhere("ecs:CreateCluster"), ...slr("ecs.amazonaws.com", "AWSServiceRoleForECS")],
    "aws:ecs/service:Service": anywhere("ecs:CreateService"),
    "aws:ecs/taskDefinition:TaskDefinition": [...anywhere("ecs:RegisterTaskDefinition"), passRole("ecs-tasks.amazonaws.com")],
    "aws:lb/listener:Listener": anywhere("elasticloadbalancing:CreateListener"),
    "aws:lb/listenerRule:ListenerRule": anywhere("elasticloadbalancing:CreateRule"),
    "aws:lb/loadBalancer:LoadBalancer": [...anywhere("elasticloadbalancing:CreateLoadBalancer"), ...slr("elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing")],
    "aws:lb/targetGroup:TargetGroup": anywhere("elasticloadbalancing:CreateTargetGroup"),
    "aws:rds/cluster:Cluster": [...anywhere("rds:CreateDBCluster", "rds:AddTagsToResource"), ...slr("rds.amazonaws.com", "AWSServiceRoleForRDS")],
    "aws:rds/clusterInstance:ClusterInstance": anywhere("rds:CreateDBInstance"),
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": anywhere("rds:CreateDBClusterParameterGroup"),
    "aws:rds/subnetGroup:SubnetGroup": anywhere("rds:CreateDBSubnetGroup"),
    "aws:scheduler/schedule:Schedule": [...anywhere("scheduler:CreateSchedule"), passRole("scheduler.amazonaws.com")],
  },
  edge: {
    ...bucket,
    ...workloadRole,
    "aws:acm/certificate:Certificate": anywhere("acm:RequestCertificate"),
    "aws:acm/certificateValidation:CertificateValidation": anywhere("acm:DescribeCertificate"),
    "aws:route53/record:Record": anywhere("route53:ChangeResourceRecordSets", "route53:GetChange"),
    "aws:cloudfront/cachePolicy:CachePolicy": anywhere("cloudfront:CreateCachePolicy"),
    "aws:cloudfront/distribution:Distribution": anywhere("cloudfront:CreateDistribution"),
    "aws:cloudfront/function:Function": anywhere("cloudfront:CreateFunction", "cloudfront:PublishFunction"),
    "aws:cloudfront/monitoringSubscription:MonitoringSubscription": anywhere("cloudfront:CreateMonitoringSubscription"),
    "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": anywhere("cloudfront:CreateOriginRequestPolicy"),
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": anywhere("cloudfront:CreateResponseHeadersPolicy"),
    "aws:cloudfront/vpcOrigin:VpcOrigin": [...anywhere("cloudfront:CreateVpcOrigin"), ...slr("vpcorigin.cloudfront.amazonaws.com", "AWSServiceRoleForCloudFrontVPCOrigin")],
    "aws:cloudwatch/dashboard:Dashboard": anywhere("cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards"),
    "aws:cloudwatch/metricAlarm:MetricAlarm": anywhere("cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource"),
    "aws:cloudwatch/logDelivery:LogDelivery": anywhere("logs:CreateDelivery"),
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": anywhere("logs:PutDeliveryDestination"),
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": [...anywhere("logs:PutDeliverySource"), ...slr("delivery.logs.amazonaws.com", "AWSServiceRoleForLogDelivery")],
    "aws:cognito/identityPool:IdentityPool": anywhere("cognito-identity:CreateIdentityPool"),
    "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment": [...anywhere("cognito-identity:SetIdentityPoolRoles"), passRole("cognito-identity.amazonaws.com")],
    "aws:kms/key:Key": [...keyIn("us-east-1"), { action: "kms:GenerateDataKey", resource: "arn:aws:kms:us-east-1:111122223333:key/k" }],
    "aws:rum/appMonitor:AppMonitor": [...anywhere("rum:CreateAppMonitor"), ...slr("rum.amazonaws.com", "AWSServiceRoleForCloudWatchRUM")],
    "aws:wafv2/webAcl:WebAcl": [...anywhere("wafv2:CreateWebACL"), ...slr("wafv2.amazonaws.com", "AWSServiceRoleForWAFV2Logging")],
  },
};

const stacks = Object.keys(TABLE) as DeployedStack[];
const policyOf = (stack: DeployedStack) => deployPermissionsPolicy(stack, scope, { organizationGuardrails: true, permissionsBoundaryArn: boundary });
/** Types that are not AWS API calls: components, providers, stack references, random values. */
const notAws = (type: string) => /^(pulumi|platform|random):/.test(type);

describe("each deploy role can create what its stack creates", () => {
  let runs: Record<string, StackRun | undefined>;
  beforeAll(async () => {
    runs = await runStacks({
      env: "dev",
      stacks: ["edge"],
      config: {
        network: { logsKeySource: "own", rolePermissionsBoundaryArn: boundary },
        app: { rolePermissionsBoundaryArn: boundary },
        edge: { rolePermissionsBoundaryArn: boundary },
      },
    });
  });

  it.each(stacks)("the table lists every resource type the %s stack creates in an offline run", (stack) => {
    const created = [...new Set((runs[stack] as StackRun).resources.map((r) => r.type))].filter((t) => !notAws(t));
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((t) => TABLE[stack][t] === undefined)).toEqual([]);
  });

  it.each(stacks)("the %s deploy role allows every call the table lists for its resource types", (stack) => {
    const policy = policyOf(stack);
    const denied = Object.entries(TABLE[stack]).flatMap(([type, requests]) => requests.filter((r) => !isAllowed(policy, r)).map((r) => `${type}: ${r.action} on ${r.resource}`));
    expect(denied).toEqual([]);
  });

  const roleStacks = stacks.filter((stack) => STACK_PERMISSIONS[stack].managesRoles);

  it.each(roleStacks)("creates every %s role under the workload path with the permissions boundary", (stack) => {
    const roles = resourcesOf(runs[stack] as StackRun, "aws:iam/role:Role").map((r) => plain<{ path?: string; permissionsBoundary?: string }>(r.inputs));
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) expect(r).toMatchObject({ path: WORKLOAD_ROLE_PATH, permissionsBoundary: boundary });
  });

  it.each(roleStacks)("lets the %s deploy role create, change, delete and pass each role its stack really creates", (stack) => {
    const policy = policyOf(stack);
    const problems = resourcesOf(runs[stack] as StackRun, "aws:iam/role:Role").flatMap((resource) => {
      const inputs = plain<{ path: string; permissionsBoundary: string; assumeRolePolicy: string }>(resource.inputs);
      // The ARN IAM gives the role: its path, then its (physical) name.
      const arn = role(`${inputs.path.slice(1)}${plain<{ name: string }>(resource.outputs).name}`);
      const carried = { "iam:PermissionsBoundary": inputs.permissionsBoundary };
      const trusted = (JSON.parse(inputs.assumeRolePolicy) as PolicyDocument).Statement.flatMap((s) => Object.values(s.Principal ?? {}).flat()) as string[];
      const requests: Request[] = [
        { action: "iam:CreateRole", resource: arn, context: carried },
        { action: "iam:PutRolePolicy", resource: arn, context: carried },
        ...["iam:TagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:GetRole", "iam:DeleteRole"].map((action) => ({ action, resource: arn })),
        ...trusted.map((service) => ({ action: "iam:PassRole", resource: arn, context: { "iam:PassedToService": service } })),
      ];
      return requests.filter((r) => !isAllowed(policy, r)).map((r) => `${resource.name}: ${r.action} on ${r.resource}`);
    });
    expect(problems).toEqual([]);
  });
});

describe("deploy roles cannot take over roles outside the workload path", () => {
  const takeover = [
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
    "iam:DeleteRole",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:CreateRole",
    "iam:PassRole",
  ];
  const roleStacks = stacks.filter((stack) => STACK_PERMISSIONS[stack].managesRoles);
  // Any path and name IAM accepts, except under the workload path.
  const outside = fc
    .tuple(fc.array(fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,12}$/), { maxLength: 3 }), fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,24}$/))
    .map(([segments, name]) => role([...segments.map((s) => `${s}/`), name].join("")))
    .filter((arn) => !arn.startsWith(role(WORKLOAD_ROLE_PATH.slice(1))));

  it.each(roleStacks)("denies the %s deploy role rewriting the trust policy of an administrator's role", (stack) => {
    const policy = policyOf(stack);
    expect(isAllowed(policy, { action: "iam:UpdateAssumeRolePolicy", resource: role("OrganizationAccountAccessRole") })).toBe(false);
    expect(isAllowed(policy, { action: "iam:UpdateAssumeRolePolicy", resource: workload })).toBe(true);
  });

  it.each(stacks)("denies the %s deploy role every role-management action on any role outside the workload path", (stack) => {
    const policy = policyOf(stack);
    const services = [...STACK_PERMISSIONS[stack].passRoleTo];
    fc.assert(
      fc.property(outside, fc.constantFrom(...takeover), (arn, action) => {
        const contexts = [{ "iam:PermissionsBoundary": boundary }, ...services.map((s) => ({ "iam:PassedToService": s }))];
        return contexts.every((context) => !isAllowed(policy, { action, resource: arn, context }));
      }),
    );
  });
});
