/**
 * A stack program started the way the Pulumi CLI's Node.js language host starts it:
 * `node <project>/node_modules/@pulumi/pulumi/cmd/run --monitor ... --engine ... .` in the project
 * folder, PULUMI_NODEJS_TYPESCRIPT=true, config in PULUMI_CONFIG. The resource monitor it talks
 * to is the smallest one that lets a program finish: a gRPC server around the offline runtime's
 * RecordingMonitor with the offline plan's mocks, StackReferences answered from upstream runs.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { startEngine } from "@platform/analyzer/src/engine";
import { createStackMonitor, prepareStackRun, type UpstreamOutputs } from "@platform/offline";
import type { RecordingMonitor } from "@platform/offline/src/recording-monitor";
import { STACKS, type StackName } from "@platform/wiring";

type Unary = (call: { request: unknown }, callback: grpc.sendUnaryData<unknown>) => void;

interface Monitor {
  readonly address: string;
  /** performance.now() when the program registered its first resource after the root Stack. */
  readonly timing: { firstResourceAt?: number };
  close(): Promise<void>;
}

async function startMonitor(monitor: RecordingMonitor): Promise<Monitor> {
  const server = new grpc.Server();
  const timing: Monitor["timing"] = {};
  const delegate = (method: keyof RecordingMonitor): Unary => (call, cb) => void (monitor[method] as (r: unknown, c: unknown) => unknown).call(monitor, call.request, cb);
  server.addService(resrpc.ResourceMonitorService, {
    supportsFeature: ((call, cb) => {
      // As the SDK's MockMonitor answers: everything but output values, so inputs arrive plain.
      const id = (call.request as resproto.SupportsFeatureRequest).getId();
      cb(null, new resproto.SupportsFeatureResponse().setHassupport(id !== "outputValues"));
    }) as Unary,
    registerResource: ((call, cb) => {
      if ((call.request as resproto.RegisterResourceRequest).getType() !== "pulumi:pulumi:Stack") timing.firstResourceAt ??= performance.now();
      delegate("registerResource")(call, cb);
    }) as Unary,
    readResource: delegate("readResource"),
    invoke: delegate("invoke"),
    registerResourceOutputs: ((call, cb) => monitor.registerResourceOutputs(call.request, () => cb(null, new emptyproto.Empty()))) as Unary,
    registerPackage: delegate("registerPackage"),
    signalAndWaitForShutdown: ((_call, cb) => cb(null, new emptyproto.Empty())) as Unary,
  } as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { address: `127.0.0.1:${port}`, timing, close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

export interface CliRunResult {
  /** Wall time from spawn until the program registered its first resource: loaded and running. */
  readonly startMs: number;
  /** Wall time from spawn until the process exited. */
  readonly ms: number;
  readonly resources: number;
  readonly exitCode: number;
  readonly output: string;
}

/** Runs one stack under `@pulumi/pulumi/cmd/run` against the offline monitor; wall time until the process exits. */
export async function runUnderCliPath(repoRoot: string, stack: StackName, env: string, upstreams: UpstreamOutputs): Promise<CliRunResult> {
  const prepared = prepareStackRun(repoRoot, stack, env);
  // The offline plan's own monitor: the same mocks and StackReference answers as `npm start`.
  const { monitor: recording } = createStackMonitor({ ...prepared, upstreams });
  const monitor = await startMonitor(recording);
  const engine = await startEngine();
  const projectDir = path.resolve(repoRoot, STACKS[stack].dir);
  // The language host passes Pulumi.yaml's `main`, or "." for the folder's package.json main.
  const entry = path.relative(projectDir, prepared.programPath);
  const run = path.dirname(require.resolve("@pulumi/pulumi/cmd/run/index.js", { paths: [projectDir] }));
  const args = [run, `--monitor=${monitor.address}`, `--engine=${engine.address}`, `--project=${prepared.project}`, `--stack=${env}`, `--organization=${prepared.organization}`, `--pwd=${projectDir}`, "--dry-run", entry === "index.ts" ? "." : entry];
  const started = performance.now();
  try {
    const child = spawn(process.execPath, args, {
      cwd: projectDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PULUMI_NODEJS_TYPESCRIPT: "true",
        PULUMI_CONFIG: JSON.stringify(prepared.config.values),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(prepared.config.secretKeys),
      },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? 1));
    });
    const ms = performance.now() - started;
    const logged = engine.logs.filter((l) => l.severity === "error").map((l) => l.message);
    return { startMs: (monitor.timing.firstResourceAt ?? Number.NaN) - started, ms, resources: recording.recorded().length, exitCode, output: [output.trim(), ...logged].filter(Boolean).join("\n") };
  } finally {
    await Promise.all([monitor.close(), engine.close()]);
  }
}
