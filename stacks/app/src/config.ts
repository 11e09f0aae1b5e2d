import { configBool, configInt, configLogRetention, configNumber, defineConfig, type ConfigOf } from "@platform/wiring";
import { PERMISSIONS_BOUNDARY_ARN_PATTERN } from "@platform/components";
import { z } from "zod";
import { PLATFORM_ENVIRONMENT_NAMES } from "./container-definition";
import { parseEcrImage } from "./image-reference";
import { describeFargateMemory, isFargateSize } from "./fargate-size";
import { scheduleExpressionProblem } from "./schedule-expression";

const scheduleExpression = z.string().superRefine((expr, ctx) => {
  const problem = scheduleExpressionProblem(expr);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: `not a valid EventBridge Scheduler expression: ${problem}` });
});

const secretArn = z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+(:[\w-]*:[\w-]*:[\w-]*)?$/, {
  message: "must be a Secrets Manager secret ARN (optionally with :json-key:version-stage:version-id)",
});

const kmsKeyArn = z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/, { message: "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>; not an alias)" });

/** Only environment-variable-shaped names: they become the container's variable names. */
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { message: "secret names must look like environment variables (A-Z, 0-9, _)" });

/** Relative S3 key prefix ending in "/", so IAM conditions cannot match a sibling prefix. */
const keyPrefix = z.string().regex(/^[\w.-]+(\/[\w.-]+)*\/$/, { message: 'must be a relative key prefix ending in "/", e.g. "personal/"' });

export const appConfig = defineConfig(
  "app",
  {
    /**
     * A pushed image to run (pin it by digest). Exactly one of this and serviceBuildPath. Tasks
     * pull through the ECR VPC endpoints (no NAT), so it must be in a private ECR registry.
     */
    serviceImageUri: z
      .string()
      .refine((uri) => parseEcrImage(uri) !== undefined, {
        message: "must be a private ECR image URI such as <account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest> (tasks pull through the ECR VPC endpoints; copy public images into ECR first)",
      })
      .optional(),
    /** Folder (relative to stacks/app) with a Dockerfile, built and pushed to this stack's ECR repository. */
    serviceBuildPath: z.string().min(1).optional(),
    /** CPU architecture the image is built for and the task runs on. */
    cpuArchitecture: z.enum(["X86_64", "ARM64"]).default("X86_64"),
    containerPort: configInt(1024, 65535).default(8080),
    cpu: configInt(256, 16384).default(256),
    memory: configInt(512, 122880).default(512),
    desiredCount: configInt(1, 100).default(2),
    minCount: configInt(1, 100).default(1),
    maxCount: configInt(1, 100).default(4),
    /** Average CPU utilisation (percent) target tracking keeps the service at. */
    cpuTargetPercent: configInt(10, 90).default(60),
    /** Container env var name -> Secrets Manager ARN; injected by ECS, never as plain values. */
    serviceSecrets: z.record(envName, secretArn).default({}),
    /**
     * Customer managed KMS keys (besides the security stack's data key) that serviceSecrets are
     * encrypted with; the execution role may decrypt with them through Secrets Manager only.
     */
    serviceSecretsKmsKeyArns: z.array(kmsKeyArn).default([]),
    /** ACM certificate (same region) for an HTTPS listener; without it the listener is HTTP on the VPC origin. */
    certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, { message: "must be an ACM certificate ARN" }).optional(),
    /** Keep untagged images this many days; keep this many images in all. */
    imageRetentionCount: configInt(1, 1000).default(30),
    /** Aurora PostgreSQL on/off; defaults to on in prod and off elsewhere. */
    databaseEnabled: configBool().optional(),
    databaseEngineVersion: z.string().regex(/^\d+\.\d+$/, { message: 'must be an Aurora PostgreSQL version such as "16.6"' }).default("16.6"),
    databaseInstances: configInt(1, 15).default(1),
    databaseMinCapacity: configNumber(0, 256).default(0.5),
    databaseMaxCapacity: configNumber(1, 256).default(4),
    databaseBackupRetentionDays: configInt(1, 35).default(7),
    /** Retention of the "logs" data class: every log group and the load balancer access-log bucket. */
    logRetentionDays: configLogRetention().default(90),
    /** Retention of the "personal data export" class: export objects expire after this many days. */
    exportRetentionDays: configInt(1, 365).default(7),
    /** Retention of superseded versions in the data bucket: an erased object is gone for good after this. */
    dataNoncurrentRetentionDays: configInt(1, 365).default(30),
    /** Lifetime of a download link the service hands out for an export. */
    exportLinkTtlSeconds: configInt(60, 43200).default(900),
    /** Data-bucket prefix holding personal data; the erasure job may delete only under it. */
    personalDataPrefix: keyPrefix.default("personal/"),
    erasureSchedule: scheduleExpression.default("cron(0 3 * * ? *)"),
    erasureScheduleTimezone: z.string().min(1).default("UTC"),
    /** Command the erasure task runs in the service image. */
    erasureCommand: z.array(z.string().min(1)).min(1),
    /**
     * Permissions boundary for every role this stack creates (task, execution and scheduler
     * roles). Set it to the bootstrap's rolePermissionsBoundaryArn output when the bootstrap
     * requires one: the deploy role may then create only roles that carry it.
     */
    rolePermissionsBoundaryArn: z.string().regex(PERMISSIONS_BOUNDARY_ARN_PATTERN, "must be an IAM policy ARN").optional(),
  },
  {
    serviceImageUri: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:<64 hex digits>",
    serviceBuildPath: "service",
    cpuArchitecture: "X86_64",
    containerPort: "8080",
    cpu: "256",
    memory: "512",
    desiredCount: "2",
    minCount: "1",
    maxCount: "4",
    cpuTargetPercent: "60",
    serviceSecrets: '{"API_TOKEN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/api-token-AbCdEf"}',
    serviceSecretsKmsKeyArns: '["arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666"]',
    certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
    imageRetentionCount: "30",
    databaseEnabled: "true",
    databaseEngineVersion: '"16.6"',
    databaseInstances: "2",
    databaseMinCapacity: "0.5",
    databaseMaxCapacity: "4",
    databaseBackupRetentionDays: "7",
    logRetentionDays: "90",
    exportRetentionDays: "7",
    dataNoncurrentRetentionDays: "30",
    exportLinkTtlSeconds: "900",
    personalDataPrefix: "personal/",
    erasureSchedule: '"cron(0 3 * * ? *)"',
    erasureScheduleTimezone: "Europe/Dublin",
    erasureCommand: '["node", "dist/erasure.js"]',
    rolePermissionsBoundaryArn: "arn:aws:iam::123456789012:policy/platform-workload-boundary",
  },
  // Cross-key rules.
  (c, ctx) => {
    if ((c.serviceImageUri === undefined) === (c.serviceBuildPath === undefined)) {
      const both = c.serviceImageUri !== undefined;
      const message = both
        ? "serviceImageUri and serviceBuildPath are both set; set exactly one (remove serviceBuildPath to run a pushed image, or serviceImageUri to build stacks/app/<serviceBuildPath>)"
        : "set exactly one of serviceImageUri (a pushed image) or serviceBuildPath (a folder with a Dockerfile, e.g. service)";
      ctx.addIssue({ code: "custom", path: ["serviceImageUri"], message });
    }
    if (!isFargateSize(c.cpu, c.memory)) {
      ctx.addIssue({ code: "custom", path: ["memory"], message: `Fargate does not run cpu ${c.cpu} with memory ${c.memory}: ${describeFargateMemory(c.cpu)}` });
    }
    if (!(c.minCount <= c.desiredCount && c.desiredCount <= c.maxCount)) {
      ctx.addIssue({ code: "custom", path: ["desiredCount"], message: `needs minCount <= desiredCount <= maxCount (got ${c.minCount} <= ${c.desiredCount} <= ${c.maxCount})` });
    }
    const shadowed = Object.keys(c.serviceSecrets).filter((name) => (PLATFORM_ENVIRONMENT_NAMES as readonly string[]).includes(name));
    if (shadowed.length > 0) {
      ctx.addIssue({ code: "custom", path: ["serviceSecrets"], message: `${shadowed.join(", ")} is set by the platform; choose another name (reserved: ${PLATFORM_ENVIRONMENT_NAMES.join(", ")})` });
    }
    if (c.databaseMinCapacity > c.databaseMaxCapacity) {
      ctx.addIssue({ code: "custom", path: ["databaseMinCapacity"], message: `must not exceed databaseMaxCapacity (${c.databaseMaxCapacity})` });
    }
  },
);

export type AppConfig = ConfigOf<typeof appConfig>;
