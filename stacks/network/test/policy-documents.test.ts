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

  it("lets CloudWatch Logs use the key only for this account's log groups in this region", () => {
    const logs = logsKeyPolicy(scope).Statement.find((s) => s.Sid === "CloudWatchLogsEncryptsThisAccountsLogGroups");
    expect(logs?.Principal).toEqual({ Service: "logs.ap-northeast-1.amazonaws.com" });
    expect(logs?.Condition?.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toBe("arn:aws:logs:ap-northeast-1:111122223333:log-group:*");
  });
});
