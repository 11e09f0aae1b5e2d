import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { engineUrn, qualifiedType, ROOT_STACK_TYPE } from "../src/urn";

const EVENTS = path.resolve(__dirname, "../../cli/test/fixtures/pulumi-events");

/** Every resource state ({urn, type, parent}) anywhere in an engine event log, whatever its framing. */
function statesIn(value: unknown, out: { urn: string; type: string; parent: string }[] = []): typeof out {
  if (Array.isArray(value)) value.forEach((v) => statesIn(v, out));
  else if (typeof value === "object" && value !== null) {
    const o = value as Record<string, unknown>;
    if (typeof o.urn === "string" && typeof o.type === "string" && typeof o.parent === "string") out.push({ urn: o.urn, type: o.type, parent: o.parent });
    Object.values(o).forEach((v) => statesIn(v, out));
  }
  return out;
}

function parseLog(file: string): unknown[] {
  const text = fs.readFileSync(file, "utf8").trim();
  return text.startsWith("{\n") || text.startsWith("[") ? [JSON.parse(text)] : text.split("\n").map((l) => JSON.parse(l) as unknown);
}

describe("URNs as the engine builds them", () => {
  it("match every resource the engine recorded in the event logs, nested components included", () => {
    const states = fs
      .readdirSync(EVENTS)
      .filter((f) => /\.(jsonl|ndjson|json)$/.test(f))
      .flatMap((f) => statesIn(parseLog(path.join(EVENTS, f))));
    expect(states.length).toBeGreaterThan(20);
    for (const s of states) {
      const [stack, project] = s.urn.slice("urn:pulumi:".length).split("::");
      const name = s.urn.split("::").slice(3).join("::");
      expect(engineUrn(stack, project, s.parent, s.type, name)).toBe(s.urn);
    }
    // The logs hold stack children (no Stack$ prefix) and a component's child (typB$typB).
    expect(states.some((s) => s.parent !== "" && qualifiedType(s.parent) === ROOT_STACK_TYPE)).toBe(true);
    expect(states.some((s) => s.urn.includes("::pkgA:m:typB$pkgA:m:typB::"))).toBe(true);
  });

  it("agree with the engine's own round-trip tests (sdk/go/common/resource/urn/urn_test.go:28-74)", () => {
    const typ = "bang:boom/fizzle:MajorResource";
    const parentOf = (parentType: string) => `urn:pulumi:stck::foo/bar/baz::${parentType}::p`;
    expect(qualifiedType(engineUrn("stck", "foo/bar/baz", "", typ, "a-swell-resource"))).toBe(typ);
    expect(qualifiedType(engineUrn("stck", "foo/bar/baz", parentOf("parent$type"), typ, "a-swell-resource"))).toBe(`parent$type$${typ}`);
    const awkward = engineUrn("stck", "foo/bar/baz", parentOf("parent$type"), typ, "a-swell-resource::with_awkward$names");
    expect(awkward).toBe(`urn:pulumi:stck::foo/bar/baz::parent$type$${typ}::a-swell-resource::with_awkward$names`);
  });

  // Component trees of any shape under the root stack: a resource's qualified type lists the
  // types of its ancestors below the stack, outermost first, then its own (deployment.go:796-805).
  const token = fc.stringMatching(/^[a-z]{1,6}:[a-z]{1,6}(\/[a-z]{1,6})?:[A-Z][a-z]{0,6}$/);
  const tree = fc.array(fc.record({ parentIndex: fc.nat(), type: token, name: fc.stringMatching(/^[a-z][a-z0-9:$-]{0,10}$/) }), { maxLength: 12 });

  it("carry the whole chain of component types below the stack, and never the stack's", () => {
    fc.assert(
      fc.property(tree, (nodes) => {
        const stackUrn = engineUrn("dev", "proj", "", ROOT_STACK_TYPE, "proj-dev");
        const made: { urn: string; chain: string[] }[] = [{ urn: stackUrn, chain: [] }];
        for (const node of nodes) {
          const parent = made[node.parentIndex % made.length];
          const urn = engineUrn("dev", "proj", parent.urn, node.type, node.name);
          const chain = [...parent.chain, node.type];
          made.push({ urn, chain });
          expect(qualifiedType(urn).split("$")).toEqual(chain);
          expect(urn.startsWith(`urn:pulumi:dev::proj::${chain.join("$")}::`)).toBe(true);
          expect(urn).not.toContain(ROOT_STACK_TYPE);
        }
      }),
    );
  });
});
