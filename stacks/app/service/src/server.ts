import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { resolveClientIp } from "./client-ip";

/**
 * The reference service: `/healthz` for the load balancer and `/ip`, which reports the caller's
 * IP as the platform resolves it. It writes nothing to disk (the root file system is read-only)
 * and logs no per-request data (client IPs are personal data).
 */
function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

export function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://service.invalid").pathname;
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, { error: "method not allowed" });
  if (path === "/healthz") return send(res, 200, { status: "ok" });
  if (path === "/ip") {
    const client = resolveClientIp(req.headers);
    return client === undefined ? send(res, 400, { error: "no client address the platform vouches for" }) : send(res, 200, client);
  }
  return send(res, 404, { error: "not found" });
}

export function startServer(port: number): Server {
  const server = createServer(handle);
  // ALB idle timeout is 60 s; keep connections open longer so the ALB, not the service, closes them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server.listen(port);
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? "8080");
  const server = startServer(port);
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
  console.log(JSON.stringify({ message: "listening", port }));
}
