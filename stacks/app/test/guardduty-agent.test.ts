import { GUARDDUTY_AGENT_ACCOUNTS, guardDutyAgentRepositoryArn, unknownGuardDutyAgentRegionMessage } from "../src/guardduty-agent";

describe("GuardDuty Fargate agent repository per region", () => {
  it.each([
    ["ap-northeast-1", "533107202818"],
    ["us-east-1", "593207742271"],
    ["eu-central-1", "323658145986"],
    ["eu-west-1", "694911143906"],
    ["us-west-2", "733349766148"],
  ])("names the repository GuardDuty's %s account %s hosts", (region, account) => {
    expect(guardDutyAgentRepositoryArn("aws", region)).toBe(`arn:aws:ecr:${region}:${account}:repository/aws-guardduty-agent-fargate`);
  });

  it("keeps the caller's partition in the ARN", () => {
    expect(guardDutyAgentRepositoryArn("aws-example", "eu-west-1")).toMatch(/^arn:aws-example:ecr:eu-west-1:/);
  });

  it("lists only region codes with 12-digit account ids (leading zeros kept)", () => {
    for (const [region, account] of Object.entries(GUARDDUTY_AGENT_ACCOUNTS)) {
      expect(region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
      expect(account).toMatch(/^\d{12}$/);
    }
    expect(GUARDDUTY_AGENT_ACCOUNTS["me-central-1"]).toBe("000014521398");
  });

  it("knows no repository in a region the table does not list, nor for inherited object keys", () => {
    expect(guardDutyAgentRepositoryArn("aws", "us-gov-west-1")).toBeUndefined();
    expect(guardDutyAgentRepositoryArn("aws", "constructor")).toBeUndefined();
  });

  it("tells the user which region and file, and both ways out", () => {
    const message = unknownGuardDutyAgentRegionMessage("us-gov-west-1", "prod");
    expect(message).toContain("us-gov-west-1");
    expect(message).toContain("aws:region in stacks/app/Pulumi.prod.yaml");
    expect(message).toContain("stacks/app/src/guardduty-agent.ts");
    expect(message).toContain("https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html");
  });
});
