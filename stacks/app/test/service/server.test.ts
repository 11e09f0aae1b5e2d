import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { startServer } from "../../service/src/server";

let server: Server;
let base: string;

beforeAll(async () => {
  server = startServer(0);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("reference service", () => {
  it("answers /healthz with 200 so the target group marks tasks healthy", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("reports the viewer IP from the platform's hops, not the spoofed leftmost entry", async () => {
    const res = await fetch(`${base}/ip`, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.1.25" } });
    expect(await res.json()).toEqual({ ip: "203.0.113.7", source: "x-forwarded-for" });
  });

  it("answers 400 when no address the platform vouches for is present", async () => {
    const res = await fetch(`${base}/ip`);
    expect(res.status).toBe(400);
  });

  it("answers 404 for unknown paths and 405 for writes", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/ip`, { method: "POST" })).status).toBe(405);
  });
});
