import { answerInvoke } from "../src/mocks/invokes";
import { computeResource } from "../src/mocks/resources";

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
