/**
 * Where GuardDuty Runtime Monitoring pulls its Fargate sidecar from. With ECS Fargate agent
 * management on (the security stack turns it on), GuardDuty adds a sidecar to every task and ECS
 * pulls it with the task's EXECUTION role from GuardDuty's own ECR repository in the task's
 * region; without ecr:BatchGetImage on that repository the sidecar, and so the task, fails to
 * start.
 *
 * Source: Amazon GuardDuty User Guide, "ECR Repository for GuardDuty agent on AWS Fargate
 * (Amazon ECS only)", https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html
 */

export const GUARDDUTY_AGENT_REPOSITORY = "aws-guardduty-agent-fargate";

export const GUARDDUTY_AGENT_DOCS_URL = "https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html";

/** Region -> the GuardDuty account that owns the agent repository there (the page's table). */
export const GUARDDUTY_AGENT_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "593207742271",
  "us-east-2": "307168627858",
  "us-west-1": "684579721401",
  "us-west-2": "733349766148",
  "ca-central-1": "354763396469",
  "ca-west-1": "339712888787",
  "mx-central-1": "311141559934",
  "sa-east-1": "758426053663",
  "eu-west-1": "694911143906",
  "eu-west-2": "892757235363",
  "eu-west-3": "665651866788",
  "eu-central-1": "323658145986",
  "eu-central-2": "529164026651",
  "eu-north-1": "591436053604",
  "eu-south-1": "266869475730",
  "eu-south-2": "919611009337",
  "af-south-1": "197869348890",
  "me-south-1": "536382113932",
  "me-central-1": "000014521398",
  "il-central-1": "870907303882",
  "ap-south-1": "251508486986",
  "ap-south-2": "950823858135",
  "ap-east-1": "258348409381",
  "ap-east-2": "259886477082",
  "ap-northeast-1": "533107202818",
  "ap-northeast-2": "914738172881",
  "ap-northeast-3": "273192626886",
  "ap-southeast-1": "174946120834",
  "ap-southeast-2": "005257825471",
  "ap-southeast-3": "510637619217",
  "ap-southeast-4": "251357961535",
  "ap-southeast-5": "156041399949",
  "ap-southeast-7": "054037130133",
};

/** The agent repository's ARN in a region, or undefined when the table does not list the region. */
export function guardDutyAgentRepositoryArn(partition: string, region: string): string | undefined {
  const account = Object.hasOwn(GUARDDUTY_AGENT_ACCOUNTS, region) ? GUARDDUTY_AGENT_ACCOUNTS[region] : undefined;
  return account === undefined ? undefined : `arn:${partition}:ecr:${region}:${account}:repository/${GUARDDUTY_AGENT_REPOSITORY}`;
}

/** Why the app stack cannot run in a region the table does not list, and the way out. */
export function unknownGuardDutyAgentRegionMessage(region: string, env: string): string {
  return (
    `the app stack runs in ${region} (aws:region in stacks/app/Pulumi.${env}.yaml), but stacks/app/src/guardduty-agent.ts does not know ` +
    `which account hosts GuardDuty's Fargate agent repository (${GUARDDUTY_AGENT_REPOSITORY}) there, so the task execution roles could not pull ` +
    `the Runtime Monitoring sidecar and every task would fail to start; add "${region}": "<account id>" to GUARDDUTY_AGENT_ACCOUNTS from ${GUARDDUTY_AGENT_DOCS_URL}, ` +
    `or set aws:region to a listed region (e.g. ap-northeast-1)`
  );
}
