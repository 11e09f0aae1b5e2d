import * as fc from "fast-check";
import { buildStackView, lazyStackView, type StackResource } from "../../src/lib/relations";
import { T } from "../../src/lib/types";

const TYPES = [...T.bucket, ...T.bucketPolicy, ...T.vpc, ...T.flowLog];
const resources = fc.uniqueArray(
  fc.record({ urn: fc.string({ minLength: 1, maxLength: 6 }), type: fc.constantFrom(...TYPES), bucket: fc.constantFrom("a", "b", "c") }),
  { selector: (r) => r.urn, maxLength: 12 },
);
const toStack = (r: { urn: string; type: string; bucket: string }): StackResource => ({
  urn: r.urn,
  type: r.type,
  name: r.urn,
  props: { bucket: r.bucket },
  dependencies: [],
  propertyDependencies: {},
});

describe("lazy stack view", () => {
  it("answers ofType, byUrn, referenced and referencing exactly as a view over converted resources", () => {
    fc.assert(
      fc.property(resources, (items) => {
        const eager = buildStackView(items.map(toStack));
        const lazy = lazyStackView(items, toStack);
        for (const family of [T.bucket, T.bucketPolicy, T.vpc, [...T.flowLog, ...T.bucket]]) expect(lazy.ofType(family)).toEqual(eager.ofType(family));
        for (const r of items) expect(lazy.byUrn(r.urn)).toEqual(eager.byUrn(r.urn));
        expect(lazy.byUrn("no-such-urn")).toBeUndefined();
        for (const from of lazy.ofType(T.bucketPolicy)) {
          expect(lazy.referenced(from, "bucket", T.bucket, ["bucket"])).toEqual(eager.referenced(from, "bucket", T.bucket, ["bucket"]));
        }
        for (const to of lazy.ofType(T.bucket)) {
          expect(lazy.referencing(to, T.bucketPolicy, "bucket", ["bucket"])).toEqual(eager.referencing(to, T.bucketPolicy, "bucket", ["bucket"]));
        }
        expect(lazy.resources).toEqual(eager.resources);
      }),
    );
  });

  it("converts only the resources of the types a policy asks for, each once", () => {
    const items = [
      { urn: "b1", type: T.bucket[0], bucket: "a" },
      { urn: "v1", type: T.vpc[0], bucket: "a" },
      { urn: "b2", type: T.bucket[1], bucket: "b" },
    ];
    const converted: string[] = [];
    const view = lazyStackView(items, (r) => {
      converted.push(r.urn);
      return toStack(r);
    });
    view.ofType(T.bucket);
    view.ofType(T.bucket);
    view.byUrn("b1");
    expect(converted).toEqual(["b1", "b2"]);
  });
});
