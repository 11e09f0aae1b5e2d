import { FSBP, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { asRecord, at, bool, isUnknown, jsonDocument, list, str, type Props } from "./lib/values";

/** ECS: no public IPs, hardened container definitions, logging, Container Insights. */

export type Container = Readonly<Record<string, unknown>>;

/** Container definitions of a task definition; "unknown" while the JSON is built from unknown outputs. */
export function containers(props: Props): readonly Container[] | "unknown" {
  const parsed = jsonDocument(props.containerDefinitions);
  if (!parsed.ok) return parsed.reason === "unknown" ? "unknown" : [];
  return Array.isArray(parsed.doc) ? parsed.doc.map((c) => asRecord(c) ?? {}) : [];
}

const SECRET_ENV = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"];

function containerPolicy(meta: {
  name: string;
  description: string;
  reference: string;
  title: string;
  severity: "low" | "medium" | "high" | "critical";
  enforcementLevel: "advisory" | "mandatory";
  remediationSteps: string;
  prevents: string;
  fix: string;
  problem: (c: Container, task: Props) => string | undefined;
}) {
  return resourcePolicy({
    name: meta.name,
    description: meta.description,
    enforcementLevel: meta.enforcementLevel,
    severity: meta.severity,
    framework: { ...FSBP, reference: meta.reference, title: meta.title },
    remediationSteps: meta.remediationSteps,
    prevents: meta.prevents,
    types: T.ecsTaskDefinition,
    check: (r) => {
      const all = containers(r.props);
      if (all === "unknown") return [];
      return all.flatMap((c) => {
        const problem = meta.problem(c, r.props);
        return problem ? [finding(`container "${String(c.name ?? "?")}" of ${where(r.name, r.type)} ${problem}`, meta.fix)] : [];
      });
    },
  });
}

/** ECS.10's parameters (ecs-fargate-latest-platform-version): latest Linux 1.4.0, Windows 1.0.0. */
const LATEST_FARGATE = { linux: "1.4.0", windows: "1.0.0" } as const;

export const ecsPolicies = [
  resourcePolicy({
    name: "ecs-service-no-public-ip",
    description: "ECS services do not assign public IP addresses to tasks.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ECS.2", title: "ECS services should not have public IP addresses assigned to them automatically" },
    remediationSteps: "Set networkConfiguration.assignPublicIp: false and run tasks in private subnets with VPC endpoints.",
    prevents: "Tasks reachable from the internet around the load balancer.",
    types: T.ecsService,
    check: (r) =>
      bool(at(r.props, "networkConfiguration", "assignPublicIp")) === true
        ? [finding(`${where(r.name, r.type)} assigns public IPs to its tasks`, "set networkConfiguration.assignPublicIp: false")]
        : [],
  }),
  resourcePolicy({
    name: "ecs-task-set-no-public-ip",
    description: "ECS task sets do not assign public IP addresses to tasks (assignPublicIp defaults to false).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ECS.16", title: "ECS task sets should not automatically assign public IP addresses" },
    remediationSteps: "Set networkConfiguration.assignPublicIp: false.",
    prevents: "Tasks reachable from the internet around the load balancer.",
    types: T.ecsTaskSet,
    check: (r) =>
      bool(at(r.props, "networkConfiguration", "assignPublicIp")) === true ? [finding(`${where(r.name, r.type)} assigns public IPs to its tasks`, "set networkConfiguration.assignPublicIp: false")] : [],
  }),
  resourcePolicy({
    name: "ecs-fargate-latest-platform",
    description: `Fargate services run the latest platform version (platformVersion omitted or LATEST, or ${LATEST_FARGATE.linux} on Linux / ${LATEST_FARGATE.windows} on Windows).`,
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "ECS.10", title: "ECS Fargate services should run on the latest Fargate platform version" },
    remediationSteps: "Remove platformVersion (LATEST is the default) or set it to LATEST.",
    prevents: "Tasks on a platform without the current kernel and runtime security fixes.",
    types: T.ecsService,
    check: (r) => {
      if (r.props.launchType !== "FARGATE") return [];
      const version = str(r.props.platformVersion);
      if (version === undefined || version === "unknown" || version === "LATEST" || version === LATEST_FARGATE.linux || version === LATEST_FARGATE.windows) return [];
      return [finding(`${where(r.name, r.type)} pins Fargate platform version ${version}`, "remove platformVersion or set it to LATEST")];
    },
  }),
  containerPolicy({
    name: "ecs-task-read-only-root-filesystem",
    description: "ECS containers run with a read-only root filesystem.",
    reference: "ECS.5",
    title: "ECS containers should be limited to read-only access to root filesystems",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set readonlyRootFilesystem: true and mount writable paths as volumes.",
    prevents: "An attacker persisting changes inside a compromised container.",
    fix: "set readonlyRootFilesystem: true",
    problem: (c) => (c.readonlyRootFilesystem === true ? undefined : "has a writable root filesystem"),
  }),
  containerPolicy({
    name: "ecs-task-not-privileged",
    description: "ECS containers do not run privileged.",
    reference: "ECS.4",
    title: "ECS containers should run as non-privileged",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Remove privileged: true from the container definition.",
    prevents: "Container breakout to the host.",
    fix: "remove privileged: true",
    problem: (c) => (c.privileged === true ? "runs privileged" : undefined),
  }),
  containerPolicy({
    name: "ecs-task-no-secrets-in-environment",
    description: "ECS container environment variables do not carry AWS credentials or registry auth.",
    reference: "ECS.8",
    title: "Secrets should not be passed as container environment variables",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Use the task role for AWS credentials and the secrets field (Secrets Manager / SSM) for other secrets.",
    prevents: "Credentials readable by anyone who can describe the task definition.",
    fix: "move the value to secrets[] or use the task role",
    problem: (c) => {
      const env = list(c.environment);
      const names = env === "unknown" ? [] : env.map((e) => String(asRecord(e)?.name ?? "")).filter((n) => SECRET_ENV.includes(n));
      return names.length > 0 ? `passes ${names.join(", ")} as environment variables` : undefined;
    },
  }),
  containerPolicy({
    name: "ecs-task-logging",
    description: "ECS containers have a log configuration.",
    reference: "ECS.9",
    title: "ECS task definitions should have a logging configuration",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps: "Set logConfiguration { logDriver: \"awslogs\", options: { awslogs-group, awslogs-region, awslogs-stream-prefix } }.",
    prevents: "Container output lost.",
    fix: "add logConfiguration with the awslogs driver",
    problem: (c) => (asRecord(c.logConfiguration)?.logDriver ? undefined : "has no log configuration"),
  }),
  containerPolicy({
    name: "ecs-task-secure-host-networking",
    description: "Task definitions in host network mode do not run a non-privileged container as root (user root or empty); privileged containers are ECS.4's finding.",
    reference: "ECS.1",
    title: "Amazon ECS task definitions should have secure networking modes and user definitions",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Use networkMode awsvpc; in host mode set user to a non-root user and privileged false.",
    prevents: "A root container sharing the host's network stack.",
    fix: "use networkMode awsvpc or set a non-root user",
    problem: (c, task) => {
      if (task.networkMode !== "host") return undefined;
      // ecs-task-definition-user-for-host-mode-check: non-compliant when privileged is false or
      // empty and user is root or empty (https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-1).
      if (c.privileged === true) return undefined;
      const user = c.user === undefined || c.user === null ? "" : String(c.user);
      return user === "" || user === "root" || user === "0" || user.startsWith("0:") || user.startsWith("root:") ? "runs as root in host network mode" : undefined;
    },
  }),
  resourcePolicy({
    name: "ecs-task-no-host-pid",
    description: "ECS task definitions do not share the host's process namespace.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ECS.3", title: "ECS task definitions should not share the host's process namespace" },
    remediationSteps: "Remove pidMode: \"host\".",
    prevents: "Containers seeing and signalling host processes.",
    types: T.ecsTaskDefinition,
    check: (r) => (r.props.pidMode === "host" ? [finding(`${where(r.name, r.type)} shares the host PID namespace`, "remove pidMode: \"host\"")] : []),
  }),
  resourcePolicy({
    name: "ecs-cluster-container-insights",
    description: "ECS clusters have Container Insights enabled.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "ECS.12", title: "ECS clusters should use Container Insights" },
    remediationSteps: "Set settings: [{ name: \"containerInsights\", value: \"enabled\" }] (or \"enhanced\").",
    prevents: "No per-task metrics to investigate incidents.",
    types: T.ecsCluster,
    check: (r) => {
      const settings = list(r.props.settings);
      if (settings === "unknown") return [];
      if (settings.some((s) => isUnknown(s) || isUnknown(at(s, "name")))) return [];
      const value = settings.map((s) => asRecord(s) ?? {}).find((s) => s.name === "containerInsights")?.value;
      return value === "enabled" || value === "enhanced" || isUnknown(value)
        ? []
        : [finding(`${where(r.name, r.type)} does not use Container Insights`, "add setting containerInsights = enabled")];
    },
  }),
];
