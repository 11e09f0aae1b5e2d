import { dashboardBody } from "../src/dashboard-body";
import { logDeliveryWriteStatement, logKeyPolicy } from "../src/log-documents";
import { rumGuestTrustPolicy, rumPutEventsPolicy } from "../src/rum-documents";
import { vpcOriginEndpoint } from "../src/distribution";

const writer = { accountId: "111122223333", partition: "aws" };

describe("access-log bucket and key policies", () => {
  it("lets only log delivery, for this account's us-east-1 delivery sources, put objects", () => {
    expect(logDeliveryWriteStatement("arn:aws:s3:::logs", writer)).toMatchObject({
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: "s3:PutObject",
      Condition: {
        StringEquals: { "aws:SourceAccount": "111122223333" },
        ArnLike: { "aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:delivery-source:*" },
      },
    });
  });

  it("lets log delivery generate data keys only on behalf of this account's delivery sources", () => {
    const stmt = logKeyPolicy(writer).Statement[1];
    expect(stmt.Action).toEqual(["kms:GenerateDataKey*", "kms:Decrypt"]);
    expect(stmt.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "111122223333" },
      ArnLike: { "aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:delivery-source:*" },
    });
  });
});

describe("RUM guest role documents", () => {
  it("trusts only unauthenticated identities of the one identity pool", () => {
    expect(rumGuestTrustPolicy("ap-northeast-1:pool").Statement[0].Condition).toEqual({
      StringEquals: { "cognito-identity.amazonaws.com:aud": "ap-northeast-1:pool" },
      "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" },
    });
  });

  it("allows sending events to the one app monitor and nothing else", () => {
    expect(rumPutEventsPolicy("arn:aws:rum:ap-northeast-1:1:appmonitor/web").Statement).toEqual([
      { Effect: "Allow", Action: "rum:PutRumEvents", Resource: "arn:aws:rum:ap-northeast-1:1:appmonitor/web" },
    ]);
  });
});

describe("dashboard", () => {
  it("charts cache hit rate, origin latency and error rates of the distribution from us-east-1", () => {
    const widgets = dashboardBody("E123").widgets as { properties: { title: string; region: string; metrics: string[][] } }[];
    expect(widgets.map((w) => w.properties.title)).toEqual(["Cache hit rate (%)", "Origin latency (ms)", "Error rates (%)", "Requests"]);
    for (const w of widgets) {
      expect(w.properties.region).toBe("us-east-1");
      for (const m of w.properties.metrics) expect(m).toEqual(expect.arrayContaining(["AWS/CloudFront", "DistributionId", "E123", "Region", "Global"]));
    }
  });
});

describe("VPC origin endpoint", () => {
  const app = { loadBalancerArn: "arn", loadBalancerDnsName: "dns", originVerifyHeaderName: "X", originVerifySecret: "s" };

  it("uses https-only on the listener's port when the app listener has a certificate", () => {
    expect(vpcOriginEndpoint({ ...app, listenerProtocol: "HTTPS", listenerPort: 8443 }, "n")).toMatchObject({ originProtocolPolicy: "https-only", httpsPort: 8443 });
  });

  it("uses http-only on the listener's port otherwise", () => {
    expect(vpcOriginEndpoint({ ...app, listenerProtocol: "HTTP", listenerPort: 8080 }, "n")).toMatchObject({ originProtocolPolicy: "http-only", httpPort: 8080 });
  });
});
