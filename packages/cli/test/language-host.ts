/**
 * The Pulumi CLI's side of a program run, for tests and the bench: a ResourceMonitor over gRPC (the offline
 * mocks behind a RecordingMonitor) and the program started exactly as the Node.js language host
 * starts it. Read at pulumi/pulumi 1b5949891b3cefcb9974752b24a5ecef0acc86c8:
 * - sdk/nodejs/cmd/pulumi-language-nodejs/main.go:1087-1117 constructArguments: `<run path>
 *   --monitor --engine [--sync] --organization --project --root-directory --stack --pwd
 *   [--dry-run] --parallel <entry point>`; 1120-1146 constructConfig: PULUMI_CONFIG holds
 *   `<namespace>:config:<key>` -> string; 1149-1163 PULUMI_CONFIG_SECRET_KEYS a JSON list;
 *   898-925 execRuntime: PULUMI_NODEJS_TYPESCRIPT=true unless the project turns it off;
 *   929-955: `runtime.options.nodeargs` (313-318 parseOptions: a string), split by shlex, goes
 *   on node's command line before the run path;
 *   96-98 and 848-859: the run path is `@pulumi/pulumi/cmd/run`, resolved from the program folder.
 * - pkg/engine/project.go:45-71 getPwdMain: `main` a folder -> pwd = it, entry "."; a file ->
 *   pwd = its folder, entry = its base name; no `main` -> pwd = the project folder, entry ".".
 * - pkg/cmd/pulumi/operations/up.go:71 defaultParallel: 4 x GOMAXPROCS.
 * `--sync` is left out: the host serves those pipes only for synchronous invokes, which the SDK
 * opens on first use (runtime/settings.ts) and no program of ours makes.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as resourcerpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { parse } from "yaml";
import { startEngine } from "@platform/analyzer/src/engine";
import { createStackMonitor, MONITOR_FEATURES, type StackRunInput } from "@platform/offline";
import type { RecordedResource } from "@platform/offline";

const stateModule = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> };

type Handler = (call: { request: unknown }, callback: (err: unknown, response?: unknown) => void) => void;

/** The ResourceMonitor service over a RecordingMonitor; methods answering Empty get a real Empty message. */
function monitorService(monitor: ReturnType<typeof createStackMonitor>["monitor"], onRegister: (type: string) => void): Record<string, Handler> {
  const m = monitor as unknown as Record<string, (req: unknown, cb: (err: unknown, res?: unknown) => void) => unknown>;
  const pass = (name: string): Handler => (call, cb) => void m[name].call(monitor, call.request, cb);
  const empty = (name: string): Handler => (call, cb) => void m[name].call(monitor, call.request, (err) => cb(err, err ? undefined : new emptyproto.Empty()));
  const F = resproto.ResourceMonitorFeature;
  const features = [F.RESOURCE_MONITOR_FEATURE_SECRETS, F.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES, F.RESOURCE_MONITOR_FEATURE_DELETED_WITH, F.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS];
  return {
    getDeploymentInfo: (_call, cb) => cb(null, new resproto.DeploymentInfo().setSupportedfeaturesList(features)),
    supportsFeature: (call, cb) => {
      const id = (call.request as resproto.SupportsFeatureRequest).getId();
      cb(null, new resproto.SupportsFeatureResponse().setHassupport(["secrets", "resourceReferences", "deletedWith", "aliasSpecs"].includes(id)));
    },
    invoke: pass("invoke"),
    readResource: pass("readResource"),
    registerResource: (call, cb) => {
      onRegister((call.request as resproto.RegisterResourceRequest).getType());
      pass("registerResource")(call, cb);
    },
    registerResourceOutputs: empty("registerResourceOutputs"),
    signalAndWaitForShutdown: (_call, cb) => cb(null, new emptyproto.Empty()),
  };
}

export interface HostedRun {
  readonly resources: readonly RecordedResource[];
  readonly stackOutputs: Record<string, unknown>;
  /** Milliseconds from spawn to exit. */
  readonly elapsedMs: number;
  /** Milliseconds from spawn until the program registered its first resource after the root Stack: loaded and running. */
  readonly firstResourceMs: number;
}

async function listen(server: grpc.Server): Promise<string> {
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return `127.0.0.1:${port}`;
}

/**
 * How the language host starts a project's program: the folder it runs in and the entry it names
 * (getPwdMain) and node's own arguments from `runtime.options.nodeargs`, as the header cites.
 */
export function hostedProgram(projectDir: string): { pwd: string; entry: string; nodeargs: string[] } {
  const project = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { main?: string; runtime?: string | { options?: { nodeargs?: unknown } } };
  const nodeargs = typeof project.runtime === "object" ? project.runtime.options?.nodeargs : undefined;
  if (nodeargs !== undefined && (typeof nodeargs !== "string" || /["'\\]/.test(nodeargs))) {
    throw new Error(`${projectDir}/Pulumi.yaml: runtime.options.nodeargs must be a string; this harness splits it on spaces only (no shlex quoting)`);
  }
  const args = (nodeargs ?? "").split(/\s+/).filter(Boolean);
  if (project.main === undefined) return { pwd: projectDir, entry: ".", nodeargs: args };
  const target = path.resolve(projectDir, project.main);
  if (fs.statSync(target).isDirectory()) return { pwd: target, entry: ".", nodeargs: args };
  return { pwd: path.dirname(target), entry: path.basename(target), nodeargs: args };
}

/** Runs one stack's program through `@pulumi/pulumi/cmd/run` in a child process, as the language host does. */
export async function runThroughLanguageHost(input: StackRunInput, projectDir: string, options: { transpileOnly: boolean }): Promise<HostedRun> {
  Object.assign(stateModule.getStore(), MONITOR_FEATURES);
  const { monitor } = createStackMonitor(input);
  const server = new grpc.Server();
  let firstResourceAt: number | undefined;
  const onRegister = (type: string) => {
    if (type !== "pulumi:pulumi:Stack") firstResourceAt ??= performance.now();
  };
  server.addService(resourcerpc.ResourceMonitorService, monitorService(monitor, onRegister) as unknown as grpc.UntypedServiceImplementation);
  const monitorAddress = await listen(server);
  const engine = await startEngine();

  const { pwd, entry, nodeargs } = hostedProgram(projectDir);
  const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [pwd] });
  const config = Object.fromEntries(
    Object.entries(input.config.values).map(([key, value]) => {
      const at = key.indexOf(":");
      return [`${key.slice(0, at)}:config:${key.slice(at + 1)}`, value];
    }),
  );
  const args = [...nodeargs, runPath, "--monitor", monitorAddress, "--engine", engine.address, "--organization", input.organization, "--project", input.project,
    "--root-directory", projectDir, "--stack", input.env, "--pwd", pwd, ...(input.preview ? ["--dry-run"] : []), "--parallel", String(os.cpus().length * 4), entry];
  const env = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(input.config.secretKeys),
    PULUMI_NODEJS_TYPESCRIPT: "true",
    ...(options.transpileOnly ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {}),
  };
  const started = performance.now();
  try {
    const child = spawn(process.execPath, args, { cwd: pwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`${input.stack}: cmd/run exited with ${code}:\n${output}\n${engine.logs.map((l) => l.message).join("\n")}`);
    return { resources: monitor.recorded(), stackOutputs: monitor.stackOutputs, elapsedMs: performance.now() - started, firstResourceMs: (firstResourceAt ?? Number.NaN) - started };
  } finally {
    server.forceShutdown();
    await engine.close();
  }
}
