import { oneOf, plain, runStacks, type StackRun } from "@platform/offline";

type Props = Record<string, unknown>;

describe("edge stack in the full offline graph (dev)", () => {
  let runs: Awaited<ReturnType<typeof runStacks>>;
  beforeAll(async () => {
    runs = await runStacks({ env: "dev", stacks: ["edge"] });
  });

  it("points the VPC origin at the load balancer the app stack exported, and sends its verify header", () => {
    const app = plain<Props>((runs.app as StackRun).outputs);
    const edge = runs.edge as StackRun;
    const endpoint = plain<Props>(oneOf(edge, "aws:cloudfront/vpcOrigin:VpcOrigin").inputs).vpcOriginEndpointConfig as Props;
    expect(endpoint.arn).toBe(app.loadBalancerArn);
    expect(endpoint.originProtocolPolicy).toBe(app.listenerProtocol === "HTTPS" ? "https-only" : "http-only");
    const [origin] = plain<Props>(oneOf(edge, "aws:cloudfront/distribution:Distribution").inputs).origins as Props[];
    expect(origin.domainName).toBe(app.loadBalancerDnsName);
    expect(origin.customHeaders).toEqual([{ name: app.originVerifyHeaderName, value: app.originVerifySecret }]);
  });
});
