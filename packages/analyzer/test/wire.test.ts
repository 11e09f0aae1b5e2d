import { encode, SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../src/encoding";
import { toAnalyzeRequest, toAnalyzerResource, toStruct } from "./reference-encoding";

describe("engine wire encoding", () => {
  it("keeps secrets as signature objects and unknowns as the sentinel, as the engine marshals them", () => {
    const props = { password: encode.secret("hunter2"), arn: encode.unknown(), nested: { list: [1, encode.secret({ a: true })] } };
    const back = toStruct(props).toJavaScript();
    expect(back).toEqual({
      password: { [SECRET_SIG_KEY]: SECRET_SIG, value: "hunter2" },
      arn: UNKNOWN,
      nested: { list: [1, { [SECRET_SIG_KEY]: SECRET_SIG, value: { a: true } }] },
    });
  });

  it("drops undefined members (Struct has no undefined) and keeps nulls", () => {
    expect(toStruct({ a: undefined, b: null, c: [undefined, 2] }).toJavaScript()).toEqual({ b: null, c: [null, 2] });
  });

  it("sends dependencies and property dependencies on stack resources", () => {
    const msg = toAnalyzerResource({
      urn: "urn:a",
      type: "aws:ec2/flowLog:FlowLog",
      name: "flow",
      properties: { vpcId: UNKNOWN },
      parent: "urn:parent",
      dependencies: ["urn:vpc"],
      propertyDependencies: { vpcId: ["urn:vpc"] },
    });
    expect(msg.getDependenciesList()).toEqual(["urn:vpc"]);
    expect(msg.getPropertydependenciesMap().get("vpcId")?.getUrnsList()).toEqual(["urn:vpc"]);
    expect(msg.getParent()).toBe("urn:parent");
    expect(msg.getOptions()?.getParent()).toBe("urn:parent");
  });

  it("sends resource options and the provider with analyze requests", () => {
    const req = toAnalyzeRequest({
      urn: "urn:b",
      type: "aws:s3/bucket:Bucket",
      name: "b",
      properties: {},
      options: { protect: true, deleteBeforeReplace: true },
      provider: { urn: "urn:p", type: "pulumi:providers:aws", name: "default", properties: { region: "eu-west-1" } },
    });
    expect(req.getOptions()?.getProtect()).toBe(true);
    expect(req.getOptions()?.getDeletebeforereplacedefined()).toBe(true);
    expect(req.getProvider()?.getProperties()?.toJavaScript()).toEqual({ region: "eu-west-1" });
  });
});
