import { flowLogTrustPolicy, flowLogWritePolicy, logsKeyPolicy } from "../src/policy-documents";

const scope = { accountId: "111122223333", region: "ap-northeast-1", partition: "aws" };

describe("network policy documents", () => {
  it("lets only VPC Flow Logs acting for this account assume the flow-log role", () => {
    const [statement] = flowLogTrustPolicy(scope).Statement;
    expect(statement.Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com" });
    expect(statement.Condition.StringEquals["aws:SourceAccount"]).toBe("111122223333");
    expect(statement.Condition.ArnLike["aws:SourceArn"]).toBe("arn:aws:ec2:ap-northeast-1:111122223333:vpc-flow-log/*");
  });

  it("grants writes to one log group and its streams, and nothing that creates groups", () => {
    const arn = "arn:aws:logs:ap-northeast-1:111122223333:log-group:flow";
    const [statement] = flowLogWritePolicy(arn).Statement;
    expect(statement.Resource).toEqual([arn, `${arn}:*`]);
    expect(statement.Action).not.toContain("logs:CreateLogGroup");
    expect(statement.Action.every((a) => a.startsWith("logs:"))).toBe(true);
  });

  // VPC guide, "IAM role for publishing flow logs to CloudWatch Logs": the role needs
  // logs:CreateLogStream, PutLogEvents, DescribeLogGroups and DescribeLogStreams.
  // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
  it("grants every action the VPC guide lists for the flow-log role, each on a resource it applies to", () => {
    const arn = "arn:aws:logs:ap-northeast-1:111122223333:log-group:flow";
    const statements = flowLogWritePolicy(arn).Statement;
    const granted = (action: string) => statements.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);
    for (const action of ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]) expect(granted(action)).toEqual([arn, `${arn}:*`]);
    expect(granted("logs:DescribeLogGroups")).toEqual(["arn:aws:logs:ap-northeast-1:111122223333:log-group:*"]);
  });

  it("lets CloudWatch Logs use the key only for this account's log groups in this region", () => {
    const logs = logsKeyPolicy(scope).Statement.find((s) => s.Sid === "CloudWatchLogsEncryptsThisAccountsLogGroups");
    expect(logs?.Principal).toEqual({ Service: "logs.ap-northeast-1.amazonaws.com" });
    expect(logs?.Condition?.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toBe("arn:aws:logs:ap-northeast-1:111122223333:log-group:*");
  });
});
