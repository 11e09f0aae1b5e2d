import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";

export interface EngineLog {
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
  readonly urn?: string;
}

export interface EngineServer {
  readonly address: string;
  readonly logs: readonly EngineLog[];
  close(): Promise<void>;
}

const SEVERITY: Record<number, EngineLog["severity"]> = {
  [engineproto.LogSeverity.DEBUG]: "debug",
  [engineproto.LogSeverity.INFO]: "info",
  [engineproto.LogSeverity.WARNING]: "warning",
  [engineproto.LogSeverity.ERROR]: "error",
};

/**
 * The smallest Engine service a plugin may call back into: the CLI passes its address to every
 * plugin it starts, and plugins send log messages and read/write the root resource through it.
 */
export async function startEngine(): Promise<EngineServer> {
  const logs: EngineLog[] = [];
  let root = "";
  const server = new grpc.Server();
  const Empty = emptyproto.Empty;
  server.addService(enginerpc.EngineService, {
    log: (call: grpc.ServerUnaryCall<engineproto.LogRequest, emptyproto.Empty>, cb: grpc.sendUnaryData<emptyproto.Empty>) => {
      const r = call.request;
      logs.push({ severity: SEVERITY[r.getSeverity()] ?? "info", message: r.getMessage(), ...(r.getUrn() ? { urn: r.getUrn() } : {}) });
      cb(null, new Empty());
    },
    getRootResource: (_call: unknown, cb: grpc.sendUnaryData<engineproto.GetRootResourceResponse>) => {
      cb(null, new engineproto.GetRootResourceResponse().setUrn(root));
    },
    setRootResource: (call: grpc.ServerUnaryCall<engineproto.SetRootResourceRequest, unknown>, cb: grpc.sendUnaryData<engineproto.SetRootResourceResponse>) => {
      root = call.request.getUrn();
      cb(null, new engineproto.SetRootResourceResponse());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
