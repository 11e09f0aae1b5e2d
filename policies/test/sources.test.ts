import * as path from "node:path";
import { policies, policySources } from "../src/all";

const PACK_ROOT = path.join(__dirname, "..");

describe("the README's source column", () => {
  it.each(policySources.map((g) => [g.source, g] as const))("%s exports every policy listed under it", (source, group) => {
    const exported = Object.values(require(path.join(PACK_ROOT, source)) as Record<string, unknown>).filter(Array.isArray).flat();
    for (const policy of group.policies) expect(exported).toContain(policy);
  });

  it("lists every policy of the pack exactly once", () => {
    const names = policySources.flatMap((g) => g.policies.map((p) => p.name));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(policies.map((p) => p.name));
  });
});
