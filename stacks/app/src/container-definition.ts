/** The uid:gid the reference image runs as (`USER 1000:1000`, the node image's `node` user). */
export const CONTAINER_USER = "1000:1000";

export interface ContainerDefinitionInputs {
  readonly name: string;
  readonly image: string;
  readonly logGroupName: string;
  readonly region: string;
  readonly streamPrefix: string;
  /** Plain, non-secret settings (bucket names, ports). */
  readonly environment: Readonly<Record<string, string>>;
  /** Environment variable name -> Secrets Manager ARN; ECS fetches them at start. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly port?: number;
  readonly command?: readonly string[];
}

/**
 * One hardened container: read-only root file system with a scratch /tmp volume, non-root user,
 * no privilege, every Linux capability dropped, an init process, logs to CloudWatch.
 */
export function containerDefinition(i: ContainerDefinitionInputs): Record<string, unknown> {
  const overlap = Object.keys(i.environment).filter((k) => k in i.secrets);
  if (overlap.length > 0) throw new Error(`container ${i.name}: ${overlap.join(", ")} set both as plain environment and as a secret`);
  return {
    name: i.name,
    image: i.image,
    essential: true,
    user: CONTAINER_USER,
    privileged: false,
    readonlyRootFilesystem: true,
    linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
    mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
    ...(i.port !== undefined ? { portMappings: [{ containerPort: i.port, protocol: "tcp" }] } : {}),
    ...(i.command !== undefined ? { command: [...i.command] } : {}),
    environment: Object.entries(i.environment)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value })),
    secrets: Object.entries(i.secrets)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, valueFrom]) => ({ name, valueFrom })),
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": i.logGroupName, "awslogs-region": i.region, "awslogs-stream-prefix": i.streamPrefix },
    },
  };
}

/** The task-level scratch volume mounted at /tmp (Fargate ephemeral storage). */
export const SCRATCH_VOLUMES = [{ name: "tmp" }];

/** Variables the platform sets on the service container; configured secrets may not reuse them. */
export const PLATFORM_ENVIRONMENT_NAMES = ["PORT", "DATA_BUCKET", "EXPORT_BUCKET", "EXPORT_PREFIX", "EXPORT_LINK_TTL_SECONDS", "PERSONAL_DATA_PREFIX", "DB_HOST", "DB_PORT", "DB_NAME", "DB_CREDENTIALS"] as const;
