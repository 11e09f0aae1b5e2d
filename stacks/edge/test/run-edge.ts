import { readStackConfig, referenceKey, REPO_ROOT, runStackInProcess, stackFiles, withOverrides, type StackRun } from "@platform/offline";

/**
 * Runs the edge program offline with its real Pulumi.<env>.yaml and hand-written upstream
 * outputs shaped by the app contract, so each test chooses what the app stack
 * exported (listener protocol, a second region).
 */
export interface AppFixture {
  readonly region: string;
  readonly listenerProtocol: "HTTP" | "HTTPS";
  readonly listenerPort: number;
}

export const PRIMARY_APP: AppFixture = { region: "ap-northeast-1", listenerProtocol: "HTTP", listenerPort: 80 };

function appOutputs(env: string, app: AppFixture) {
  return {
    outputs: {
      region: app.region,
      loadBalancerArn: `arn:aws:elasticloadbalancing:${app.region}:123456789012:loadbalancer/app/api-${env}/0123456789abcdef`,
      loadBalancerDnsName: `internal-api-${env}-123456.${app.region}.elb.amazonaws.com`,
      listenerProtocol: app.listenerProtocol,
      listenerPort: app.listenerPort,
      originVerifyHeaderName: "X-Origin-Verify",
      originVerifySecret: `verify-${env}-secret`,
    },
    secretOutputNames: ["originVerifySecret"],
  };
}

export interface EdgeRunOptions {
  /** Config overrides; a SecretOverride stands for a `secure:` value. */
  readonly config?: Record<string, unknown>;
  readonly app?: AppFixture;
  /** Upstream app stacks of other environments (failover), by environment name. */
  readonly otherApps?: Record<string, AppFixture>;
}

export async function runEdge(env: string, options: EdgeRunOptions = {}): Promise<StackRun> {
  const files = stackFiles(REPO_ROOT, "edge", env);
  const config = withOverrides(readStackConfig(files, REPO_ROOT), files.project, options.config);
  type Upstream = { outputs: Record<string, unknown>; secretOutputNames: string[] };
  const upstreams = new Map<string, Upstream>([
    [referenceKey("app", env), appOutputs(env, options.app ?? PRIMARY_APP)],
    ...Object.entries(options.otherApps ?? {}).map(([e, app]) => [referenceKey("app", e), appOutputs(e, app)] as const),
  ]);
  return runStackInProcess({ stack: "edge", env, project: files.project, programPath: files.programPath, config, upstreams, organization: "organization" });
}
