import * as fc from "fast-check";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { decodeDiagnostics, encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "../src/codec";
import { encode } from "../src/encoding";
import type { AnalyzerResource } from "../src/types";
import { fromDiagnostics } from "../src/wire";
import { toAnalyzeRequest, toAnalyzerResource } from "./reference-encoding";

/** google-protobuf's encoding of the same request: the reference the direct encoder must match byte for byte. */
const referenceRequest = (r: AnalyzerResource) => Buffer.from(toAnalyzeRequest(r).serializeBinary());
const referenceStack = (rs: readonly AnalyzerResource[]) => {
  const req = new analyzerproto.AnalyzeStackRequest();
  req.setResourcesList(rs.map(toAnalyzerResource));
  return Buffer.from(req.serializeBinary());
};

// Well-formed Unicode (protobuf strings are UTF-8), long enough to need multi-byte lengths.
const text = fc.string({ unit: "grapheme", maxLength: 80 });
// "__proto__" is left out here: the reference loses it (wire.ts copies members with assignment); see its own test.
const key = fc.oneof(
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }).filter((k) => k !== "__proto__"),
  fc.constantFrom("tags", "4dabf18193072939515e22adb298388d", "value"),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    text,
    fc.constant(encode.unknown()),
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(key, tie("value"), { maxKeys: 6 }),
    tie("value").map((v) => encode.secret(v)),
  ),
})).value;
const properties = fc.dictionary(key, fc.oneof(json, fc.constant(undefined)), { maxKeys: 8 });
const urns = fc.array(text, { maxLength: 4 });

const resource: fc.Arbitrary<AnalyzerResource> = fc.record(
  {
    urn: text,
    type: text,
    name: text,
    properties,
    options: fc.record(
      {
        protect: fc.boolean(),
        ignoreChanges: urns,
        deleteBeforeReplace: fc.boolean(),
        additionalSecretOutputs: urns,
        aliases: urns,
        parent: text,
      },
      { requiredKeys: [] },
    ),
    parent: text,
    provider: fc.record({ urn: text, type: text, name: text, properties }),
    dependencies: urns,
    propertyDependencies: fc.dictionary(key, urns, { maxKeys: 4 }),
  },
  { requiredKeys: ["urn", "type", "name", "properties"] },
);

describe("direct Analyzer request encoding", () => {
  it("writes every analyze request byte for byte as google-protobuf does", () => {
    fc.assert(fc.property(resource, (r) => expect(encodeAnalyzeRequest(r)).toEqual(referenceRequest(r))), { numRuns: 300 });
  });

  it("writes every analyzeStack request (parents, dependencies, property dependencies) byte for byte as google-protobuf does", () => {
    fc.assert(fc.property(fc.array(resource, { maxLength: 8 }), (rs) => expect(encodeAnalyzeStackRequest(rs)).toEqual(referenceStack(rs))), { numRuns: 150 });
  });

  it("encodes messages longer than 127 bytes, whose length needs a second varint byte, in nested structs and lists", () => {
    const r: AnalyzerResource = {
      urn: "urn:pulumi:dev::app::aws:s3/bucket:Bucket::data",
      type: "aws:s3/bucket:Bucket",
      name: "data",
      properties: { policy: "x".repeat(300), nested: { list: ["é".repeat(200), { deeper: "z".repeat(20_000) }] } },
    };
    const bytes = encodeAnalyzeRequest(r);
    expect(bytes).toEqual(referenceRequest(r));
    expect(analyzerproto.AnalyzeRequest.deserializeBinary(bytes).getProperties()?.toJavaScript()).toEqual(r.properties);
  });

  it("sends a property named __proto__ (JSON.parse makes it an own member) like any other", () => {
    const properties = JSON.parse('{"tags":{"__proto__":"x","team":"edge"}}') as Record<string, unknown>;
    const r: AnalyzerResource = { urn: "u", type: "t", name: "n", properties };
    const back = analyzerproto.AnalyzeRequest.deserializeBinary(encodeAnalyzeRequest(r)).getProperties()?.getFieldsMap().get("tags")?.getStructValue();
    expect(back?.getFieldsMap().get("__proto__")?.getStringValue()).toBe("x");
    expect(back?.getFieldsMap().get("team")?.getStringValue()).toBe("edge");
  });

  it("sends a lone surrogate as U+FFFD so the engine-side string stays valid UTF-8", () => {
    const r: AnalyzerResource = { urn: "u", type: "t", name: "n", properties: { broken: "a\uD800b" } };
    expect(analyzerproto.AnalyzeRequest.deserializeBinary(encodeAnalyzeRequest(r)).getProperties()?.toJavaScript()).toEqual({ broken: "a\uFFFDb" });
  });

  it("refuses a property that is not a JSON value and names where it is", () => {
    const r: AnalyzerResource = { urn: "u", type: "t", name: "n", properties: { spec: { retries: [1, BigInt(2)] } } };
    expect(() => encodeAnalyzeRequest(r)).toThrow("property spec.retries[1] is a bigint; resource properties must be JSON values");
  });
});

describe("analyze response decoding", () => {
  const diagnostic = (policyName: string, urn: string) => {
    const d = new analyzerproto.AnalyzeDiagnostic();
    d.setPolicyname(policyName);
    d.setPolicypackname("aws-platform");
    d.setPolicypackversion("0.1.0");
    d.setDescription(`${policyName} description`);
    d.setMessage(`${policyName} failed on ${urn}`);
    d.setEnforcementlevel(analyzerproto.EnforcementLevel.MANDATORY);
    d.setUrn(urn);
    d.setSeverity(analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH);
    return d;
  };

  it("reads the diagnostics the pack sent, in order, and skips the not-applicable list", () => {
    const res = new analyzerproto.AnalyzeResponse();
    res.setDiagnosticsList([diagnostic("s3-bucket-sse", "urn:a"), diagnostic("lb-internal", "urn:b")]);
    res.setNotApplicableList(
      ["vpc-flow-logs", "kms-rotation"].map((name) => new analyzerproto.PolicyNotApplicable().setPolicyName(name).setReason("Policy only applies to resources of type 'x'")),
    );
    const decoded = decodeDiagnostics(res.serializeBinary());
    expect(decoded.map((d) => [d.policyName, d.urn, d.enforcementLevel, d.severity])).toEqual([
      ["s3-bucket-sse", "urn:a", "mandatory", "high"],
      ["lb-internal", "urn:b", "mandatory", "high"],
    ]);
    expect(decoded).toEqual(fromDiagnostics(analyzerproto.AnalyzeResponse.deserializeBinary(res.serializeBinary())));
  });

  it("reads an empty response as no diagnostics", () => {
    expect(decodeDiagnostics(new analyzerproto.AnalyzeResponse().serializeBinary())).toEqual([]);
  });
});
