import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { decodeDiagnostics, encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "./codec";
import { resolvePackConfig, toConfigureRequest } from "./config";
import { startEngine, type EngineLog } from "./engine";
import { spawnPack } from "./pack";
import type { AnalyzerInfo, AnalyzerResource, Diagnostic, PackConfig } from "./types";
import { fromAnalyzerInfo, unary } from "./wire";

export interface StartOptions {
  /** Directory holding PulumiPolicy.yaml. */
  readonly packDir: string;
  /** `--policy-pack-config` contents; applied with Configure right after start. */
  readonly config?: PackConfig;
  /** Name of the config's source, used in error messages (e.g. the file path). */
  readonly configSource?: string;
  /** Cold start includes ts-node type-checking the pack; the default allows for a slow CI. */
  readonly startTimeoutMs?: number;
  /** Called with the pack's process id once the process exists, before it is ready (so that an interrupted caller can kill it). */
  readonly onSpawn?: (pid: number | undefined) => void;
}

export interface PolicyPackClient {
  /** Milliseconds from spawning the pack until it printed its port. */
  readonly startupMs: number;
  /** The pack's process id, so a caller that is interrupted can kill it synchronously. */
  readonly pid: number | undefined;
  getAnalyzerInfo(): Promise<AnalyzerInfo>;
  configure(config: PackConfig, source?: string): Promise<void>;
  analyze(resource: AnalyzerResource): Promise<Diagnostic[]>;
  analyzeStack(resources: readonly AnalyzerResource[]): Promise<Diagnostic[]>;
  /** Messages the pack logged through the engine service. */
  engineLogs(): readonly EngineLog[];
  close(): Promise<void>;
}

const MAX_MESSAGE = 1024 * 1024 * 400;
const ANALYZE_PATH = analyzerrpc.AnalyzerService.analyze.path;
const ANALYZE_STACK_PATH = analyzerrpc.AnalyzerService.analyzeStack.path;
const passBytes = (bytes: Buffer): Buffer => bytes;

/** Starts a policy pack exactly as the Pulumi CLI starts it and connects to its Analyzer service. */
export async function startPolicyPack(options: StartOptions): Promise<PolicyPackClient> {
  const engine = await startEngine();
  let pack;
  try {
    pack = await spawnPack(options.packDir, engine.address, options.startTimeoutMs ?? 120_000, options.onSpawn);
  } catch (e) {
    await engine.close();
    throw e;
  }
  const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
    "grpc.max_send_message_length": MAX_MESSAGE,
    "grpc.max_receive_message_length": MAX_MESSAGE,
  });
  const withStderr = (e: unknown): Error => {
    const message = e instanceof Error ? e.message : String(e);
    const err = pack.stderr().trim();
    return new Error(err ? `${message}\n--- pack stderr ---\n${err}` : message);
  };
  // Analyze and AnalyzeStack go through the same Analyzer service methods with pre-encoded bytes (codec.ts).
  const call = (method: string, request: Buffer) =>
    new Promise<Diagnostic[]>((resolve, reject) => {
      client.makeUnaryRequest(method, passBytes, decodeDiagnostics, request, (err, res) => (err || !res ? reject(err ?? new Error(`${method} returned no response`)) : resolve(res)));
    });
  let info: AnalyzerInfo | undefined;
  const getAnalyzerInfo = async () => {
    if (!info) info = fromAnalyzerInfo(await unary(client.getAnalyzerInfo.bind(client), new emptyproto.Empty()).catch((e) => Promise.reject(withStderr(e))));
    return info;
  };
  const configure = async (config: PackConfig, source?: string) => {
    const resolved = resolvePackConfig(await getAnalyzerInfo(), config, source);
    await unary(client.configure.bind(client), toConfigureRequest(resolved)).catch((e) => Promise.reject(withStderr(e)));
  };
  const self: PolicyPackClient = {
    startupMs: pack.startupMs,
    pid: pack.child.pid,
    getAnalyzerInfo,
    configure,
    analyze: (resource) => call(ANALYZE_PATH, encodeAnalyzeRequest(resource)).catch((e) => Promise.reject(withStderr(e))),
    analyzeStack: (resources) => call(ANALYZE_STACK_PATH, encodeAnalyzeStackRequest(resources)).catch((e) => Promise.reject(withStderr(e))),
    engineLogs: () => engine.logs,
    close: async () => {
      client.close();
      const exited = new Promise<void>((resolve) => {
        if (pack.child.exitCode !== null || pack.child.signalCode !== null) resolve();
        else pack.child.once("exit", () => resolve());
      });
      pack.child.kill();
      await exited;
      await engine.close();
    },
  };
  if (options.config) {
    try {
      await configure(options.config, options.configSource);
    } catch (e) {
      await self.close();
      throw e;
    }
  }
  return self;
}
