import * as fs from "node:fs";
import * as path from "node:path";
import { answerInvoke } from "../src/mocks/invokes";
import { computeResource, hasIdRule } from "../src/mocks/resources";
import { copyOfServiceContext } from "./service-context";

const ctx = (seed: string, region = "ap-northeast-1") => ({ seed, region });
const args = (type: string, name: string, inputs: Record<string, unknown> = {}) => ({ type, name, inputs, custom: true });

describe("offline mock outputs", () => {
  it("gives each resource an id of the shape AWS uses, stable per URN and distinct between URNs", () => {
    const a = computeResource(args("aws:ec2/vpc:Vpc", "vpc"), ctx("urn:a"));
    expect(a.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(computeResource(args("aws:ec2/vpc:Vpc", "vpc"), ctx("urn:a")).id).toBe(a.id);
    expect(computeResource(args("aws:ec2/vpc:Vpc", "vpc"), ctx("urn:b")).id).not.toBe(a.id);
  });

  it("names an internal load balancer's DNS name as AWS does, in the provider's region", () => {
    const lb = computeResource(args("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: true }), ctx("urn:lb", "us-west-2"));
    expect(lb.state.dnsName).toMatch(/^internal-alb-[0-9a-f]{7}-\d+\.us-west-2\.elb\.amazonaws\.com$/);
    expect(lb.state.arn).toMatch(/^arn:aws:elasticloadbalancing:us-west-2:\d{12}:loadbalancer\/app\//);
  });

  it("echoes the inputs back, as a provider does", () => {
    const sg = computeResource(args("aws:ec2/securityGroup:SecurityGroup", "sg", { description: "x" }), ctx("urn:sg"));
    expect(sg.state.description).toBe("x");
  });

  it("answers the data sources the stacks use and refuses any other, naming where to add it", () => {
    expect(answerInvoke({ token: "aws:index/getRegion:getRegion", inputs: {} }, "ap-northeast-1")).toMatchObject({ region: "ap-northeast-1" });
    expect(() => answerInvoke({ token: "aws:ec2/getAmi:getAmi", inputs: {} }, "ap-northeast-1")).toThrow(/no answer for the data source aws:ec2\/getAmi:getAmi\. Add one to packages\/offline\/src\/mocks\/invokes\.ts/);
  });

  it("gives managed prefix lists a different id in each region, as AWS does", () => {
    const name = "com.amazonaws.global.cloudfront.origin-facing";
    const tokyo = answerInvoke({ token: "aws:ec2/getManagedPrefixList:getManagedPrefixList", inputs: { name } }, "ap-northeast-1");
    const oregon = answerInvoke({ token: "aws:ec2/getManagedPrefixList:getManagedPrefixList", inputs: { name } }, "us-west-2");
    expect(tokyo.id).not.toBe(oregon.id);
  });
});

describe("the awsx.ecr.Image stand-in", () => {
  const imageOf = (context: string, platform = "linux/amd64") =>
    String(computeResource({ type: "awsx:ecr:Image", name: "img", custom: false, inputs: { repositoryUrl: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app", context, platform } }, ctx("urn:img")).state.imageUri);

  it("is the repository's image by a digest of what Docker would send, which only a sent file or the platform changes", () => {
    const a = copyOfServiceContext();
    const b = copyOfServiceContext();
    expect(imageOf(a)).toMatch(/^123456789012\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com\/app@sha256:[0-9a-f]{64}$/);
    expect(imageOf(b)).toBe(imageOf(a));
    fs.writeFileSync(path.join(b, "node_modules"), "ignored by .dockerignore");
    expect(imageOf(b)).toBe(imageOf(a));
    expect(imageOf(a, "linux/arm64")).not.toBe(imageOf(a));
    fs.appendFileSync(path.join(b, "Dockerfile"), "\n# changed\n");
    expect(imageOf(b)).not.toBe(imageOf(a));
  });

  it("names a build context that is not a folder", () => {
    expect(() => imageOf("/nonexistent/context")).toThrow(/build context \/nonexistent\/context is not a folder/);
  });
});

describe("ids of types that have a rule", () => {
  it("derive from the resources they belong to, as the provider sets them", () => {
    const rpa = computeResource(args("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "deploy", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }), ctx("urn:a"));
    expect(rpa.id).toMatch(/^deploy-\d{18}[0-9a-f]{8}$/);
    const record = computeResource(args("aws:route53/record:Record", "r", { zoneId: "Z123", name: "www.example.com", type: "A" }), ctx("urn:r"));
    expect(record.id).toBe("Z123_www.example.com_A");
    const sub = computeResource(args("aws:securityhub/standardsSubscription:StandardsSubscription", "s", { standardsArn: "arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0" }), ctx("urn:s"));
    expect(sub.id).toBe("arn:aws:securityhub:ap-northeast-1:123456789012:subscription/aws-foundational-security-best-practices/v/1.0.0");
  });

  it("leave a type no rule knows a unique stand-in, and say so", () => {
    expect(hasIdRule("aws:guardduty/detector:Detector")).toBe(true);
    expect(hasIdRule("aws:sagemaker/domain:Domain")).toBe(false);
  });
});
