import { cloudTrailWriteStatements, configWriteStatements } from "../src/audit-bucket-policies";
import { cisStandardArn, fsbpStandardArn } from "../src/standards";

describe("Security Hub standard ARNs", () => {
  it("are regional for FSBP and for CIS 1.4.0 and later", () => {
    expect(fsbpStandardArn("aws", "eu-central-1", "1.0.0")).toBe("arn:aws:securityhub:eu-central-1::standards/aws-foundational-security-best-practices/v/1.0.0");
    expect(cisStandardArn("aws", "eu-central-1", "3.0.0")).toBe("arn:aws:securityhub:eu-central-1::standards/cis-aws-foundations-benchmark/v/3.0.0");
    expect(cisStandardArn("aws-us-gov", "us-gov-west-1", "1.4.0")).toBe("arn:aws-us-gov:securityhub:us-gov-west-1::standards/cis-aws-foundations-benchmark/v/1.4.0");
  });

  it("keep the global ruleset ARN for CIS 1.2.0", () => {
    expect(cisStandardArn("aws", "eu-central-1", "1.2.0")).toBe("arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0");
  });
});

describe("audit bucket policy", () => {
  const bucketArn = "arn:aws:s3:::audit-logs-1234";
  const trailArn = "arn:aws:cloudtrail:eu-central-1:111122223333:trail/platform-dev";

  it("lets CloudTrail write only its own trail's files under its prefix, owned by the bucket owner", () => {
    const [acl, write] = cloudTrailWriteStatements(bucketArn, "111122223333", trailArn);
    expect(acl.Condition).toEqual({ StringEquals: { "aws:SourceArn": trailArn } });
    expect(write.Resource).toBe(`${bucketArn}/cloudtrail/AWSLogs/111122223333/*`);
    expect(write.Condition).toEqual({ StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } });
  });

  it("lets AWS Config of this account check the bucket and write only under config/AWSLogs/<account>/Config", () => {
    const statements = configWriteStatements(bucketArn, "111122223333");
    expect(statements.map((s) => s.Action)).toEqual(["s3:GetBucketAcl", "s3:ListBucket", "s3:PutObject"]);
    expect(statements[2].Resource).toBe(`${bucketArn}/config/AWSLogs/111122223333/Config/*`);
    for (const s of statements) expect((s.Condition?.StringEquals as Record<string, string>)["AWS:SourceAccount"]).toBe("111122223333");
  });
});
