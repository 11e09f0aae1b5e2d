/**
 * The app stack: the service image and its registry, the Fargate service behind an internal ALB
 * that only CloudFront can reach, optional Aurora PostgreSQL, and the GDPR data lifecycle
 * (data and export buckets, retention per data class, a scheduled erasure job).
 * Resources: src/registry.ts, src/security-groups.ts, src/load-balancer.ts, src/fargate-service.ts,
 * src/database.ts, src/erasure-job.ts, src/data-buckets.ts. Exports: packages/wiring/src/contracts/app.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { lookupAccountScope } from "@platform/components";
import { defineStack, PlatformError } from "@platform/wiring";
import { appConfig } from "./src/config";
import { DataBuckets, ERASURE_COMPLETED_PREFIX, ERASURE_REQUEST_PREFIX, EXPORT_PREFIX } from "./src/data-buckets";
import { Database, DATABASE_NAME } from "./src/database";
import { ErasureJob } from "./src/erasure-job";
import { FargateService } from "./src/fargate-service";
import { guardDutyAgentRepositoryArn, unknownGuardDutyAgentRegionMessage } from "./src/guardduty-agent";
import { parseEcrImage } from "./src/image-reference";
import { InternalLoadBalancer, listenerSettings, ORIGIN_VERIFY_HEADER_NAME } from "./src/load-balancer";
import { erasureTaskRolePolicy, serviceTaskRolePolicy } from "./src/policy-documents";
import { ImageRegistry } from "./src/registry";
import { POSTGRES_PORT, SecurityGroups } from "./src/security-groups";

export = defineStack("app", async (ctx) => {
  const config = ctx.config(appConfig);
  const network = await ctx.upstream("network");
  const keys = await ctx.upstream("security");
  const prod = ctx.env === "prod";
  const databaseEnabled = config.databaseEnabled ?? prod;
  const { region, accountId, partition } = await lookupAccountScope();
  // Checked before anything is created: without it every task would fail to pull its GuardDuty sidecar.
  const guardDutyAgentRepository = guardDutyAgentRepositoryArn(partition, region);
  if (guardDutyAgentRepository === undefined) throw new PlatformError(unknownGuardDutyAgentRegionMessage(region, ctx.env));
  const imageRegion = config.serviceImageUri !== undefined ? parseEcrImage(config.serviceImageUri)?.region : undefined;
  if (imageRegion !== undefined && imageRegion !== region) {
    // Tasks pull through this region's ECR VPC endpoints, which serve only this region's registries.
    throw new PlatformError(
      `platform-app:serviceImageUri in stacks/app/Pulumi.${ctx.env}.yaml is in ${imageRegion}, but the stack runs in ${region} and pulls only through ${region}'s ECR endpoints; ` +
        `replicate the image to ${region} (ECR replication) and use that URI, e.g. ${accountId}.dkr.ecr.${region}.amazonaws.com/app@sha256:<digest>`,
    );
  }

  // Names AWS services write logs under must be known before those services exist.
  const suffix = new random.RandomId("naming", { byteLength: 4 }).hex;
  const clusterName = pulumi.interpolate`app-${suffix}`;

  const groups = new SecurityGroups(
    "security-groups",
    {
      vpcId: network.vpcId,
      region,
      listenerPort: listenerSettings(config.certificateArn).port,
      containerPort: config.containerPort,
      endpointSecurityGroupId: network.endpointSecurityGroupId,
      vpcCidr: network.vpcCidr,
      database: databaseEnabled,
    },
    // The component was first named "network"; the alias keeps its URN, so the groups (whose own
    // names do not depend on it) are re-parented in place instead of being replaced.
    { aliases: [{ name: "network" }] },
  );

  const buckets = new DataBuckets("data", {
    dataKeyArn: keys.dataKeyArn,
    personalDataKeyArn: keys.personalDataKeyArn,
    exportRetentionDays: config.exportRetentionDays,
    dataNoncurrentRetentionDays: config.dataNoncurrentRetentionDays,
  });

  const registry = new ImageRegistry("service", {
    kmsKeyArn: keys.dataKeyArn,
    keepImages: config.imageRetentionCount,
    image: config.serviceBuildPath !== undefined ? { buildPath: config.serviceBuildPath } : { uri: config.serviceImageUri as string },
    cpuArchitecture: config.cpuArchitecture,
  });

  const alb = new InternalLoadBalancer("alb", {
    vpcId: network.vpcId,
    subnetIds: network.appSubnetIds,
    securityGroupId: groups.loadBalancer.id,
    containerPort: config.containerPort,
    certificateArn: config.certificateArn,
    deletionProtection: prod,
    logRetentionDays: config.logRetentionDays,
    region,
    accountId,
  });

  const database = groups.database
    ? new Database("database", {
        clusterIdentifier: pulumi.interpolate`app-db-${suffix}`,
        engineVersion: config.databaseEngineVersion,
        instances: config.databaseInstances,
        minCapacity: config.databaseMinCapacity,
        maxCapacity: config.databaseMaxCapacity,
        backupRetentionDays: config.databaseBackupRetentionDays,
        subnetIds: network.dataSubnetIds,
        securityGroupId: groups.database.id,
        dataKeyArn: keys.dataKeyArn,
        logsKeyArn: keys.logsKeyArn,
        logRetentionDays: config.logRetentionDays,
      })
    : undefined;

  const dataBucketArn = buckets.data.bucket.arn;
  const exportBucketArn = buckets.exports.bucket.arn;
  const environment: Record<string, pulumi.Input<string>> = {
    DATA_BUCKET: buckets.data.bucket.bucket,
    PERSONAL_DATA_PREFIX: config.personalDataPrefix,
    EXPORT_BUCKET: buckets.exports.bucket.bucket,
    EXPORT_PREFIX,
    EXPORT_LINK_TTL_SECONDS: String(config.exportLinkTtlSeconds),
    ...(database ? { DB_HOST: database.cluster.endpoint, DB_PORT: String(POSTGRES_PORT), DB_NAME: DATABASE_NAME } : {}),
  };
  const databaseSecrets: Record<string, pulumi.Input<string>> = database ? { DB_CREDENTIALS: database.secretArn } : {};

  const app = new FargateService("service", {
    clusterName,
    imageUri: registry.imageUri,
    repositoryArn: registry.pullRepositoryArn,
    cpu: config.cpu,
    memory: config.memory,
    cpuArchitecture: config.cpuArchitecture,
    containerPort: config.containerPort,
    desiredCount: config.desiredCount,
    minCount: config.minCount,
    maxCount: config.maxCount,
    cpuTargetPercent: config.cpuTargetPercent,
    subnetIds: network.appSubnetIds,
    securityGroupId: groups.service.id,
    targetGroupArn: alb.targetGroup.arn,
    listenerRule: alb.forwardRule,
    environment: { ...environment, PORT: String(config.containerPort) },
    secrets: { ...config.serviceSecrets, ...databaseSecrets },
    secretsKeyArns: [keys.dataKeyArn, ...config.serviceSecretsKmsKeyArns],
    taskRolePolicy: pulumi.all([dataBucketArn, exportBucketArn]).apply(([dataArn, exportArn]) =>
      serviceTaskRolePolicy({ dataBucketArn: dataArn, dataKeyArn: keys.dataKeyArn, exportBucketArn: exportArn, exportPrefix: EXPORT_PREFIX, personalDataKeyArn: keys.personalDataKeyArn, region }),
    ),
    logsKeyArn: keys.logsKeyArn,
    logRetentionDays: config.logRetentionDays,
    region,
    accountId,
    permissionsBoundaryArn: config.rolePermissionsBoundaryArn,
    guardDutyAgentRepositoryArn: guardDutyAgentRepository,
  });

  const erasure = new ErasureJob("erasure", {
    clusterArn: app.cluster.arn,
    family: pulumi.interpolate`${clusterName}-erasure`,
    imageUri: registry.imageUri,
    command: config.erasureCommand,
    cpuArchitecture: config.cpuArchitecture,
    schedule: config.erasureSchedule,
    timezone: config.erasureScheduleTimezone,
    subnetIds: network.appSubnetIds,
    securityGroupId: groups.service.id,
    repositoryArn: registry.pullRepositoryArn,
    // The database secret is encrypted with the data key; the erasure task gets no service secrets.
    secretsKeyArns: [keys.dataKeyArn],
    environment: { ...environment, ERASURE_REQUEST_PREFIX, ERASURE_COMPLETED_PREFIX },
    secrets: databaseSecrets,
    taskRolePolicy: pulumi.all([dataBucketArn, exportBucketArn, database?.secretArn]).apply(([dataArn, exportArn, databaseSecretArn]) =>
      erasureTaskRolePolicy({
        dataBucketArn: dataArn,
        personalDataPrefix: config.personalDataPrefix,
        requestPrefix: ERASURE_REQUEST_PREFIX,
        completedPrefix: ERASURE_COMPLETED_PREFIX,
        dataKeyArn: keys.dataKeyArn,
        exportBucketArn: exportArn,
        exportPrefix: EXPORT_PREFIX,
        personalDataKeyArn: keys.personalDataKeyArn,
        databaseSecretArn,
        region,
      }),
    ),
    logsKeyArn: keys.logsKeyArn,
    logRetentionDays: config.logRetentionDays,
    region,
    accountId,
    permissionsBoundaryArn: config.rolePermissionsBoundaryArn,
    guardDutyAgentRepositoryArn: guardDutyAgentRepository,
  });

  return {
    region,
    loadBalancerArn: alb.loadBalancer.arn,
    loadBalancerDnsName: alb.loadBalancer.dnsName,
    loadBalancerSecurityGroupId: groups.loadBalancer.id,
    listenerArn: alb.listener.arn,
    listenerProtocol: alb.protocol,
    listenerPort: alb.port,
    originVerifyHeaderName: ORIGIN_VERIFY_HEADER_NAME,
    originVerifySecret: alb.originVerifySecret,
    accessLogBucketName: alb.accessLogs.bucket.bucket,
    repositoryUrl: registry.repository.repositoryUrl,
    clusterName: app.cluster.name,
    serviceName: app.service.name,
    serviceSecurityGroupId: groups.service.id,
    dataBucketName: buckets.data.bucket.bucket,
    exportBucketName: buckets.exports.bucket.bucket,
    erasureScheduleName: erasure.schedule.name,
    databaseEndpoint: database?.cluster.endpoint ?? null,
    databaseSecretArn: database?.secretArn ?? null,
    databaseSecurityGroupId: groups.database?.id ?? null,
  };
});
