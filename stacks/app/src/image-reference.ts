/**
 * Private ECR image references. The service runs in private subnets without a NAT gateway and
 * pulls through the ECR VPC endpoints, so an image it can start must live in a private ECR
 * registry of the stack's region; the execution role may pull from exactly that repository.
 */
export interface EcrImage {
  readonly accountId: string;
  readonly region: string;
  readonly partition: "aws" | "aws-cn";
  readonly repository: string;
}

const REPOSITORY = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
const ECR_IMAGE = new RegExp(
  `^(\\d{12})\\.dkr\\.ecr\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.amazonaws\\.com(\\.cn)?/(${REPOSITORY})(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

/** The repository a private ECR image URI names, or undefined for anything else. */
export function parseEcrImage(uri: string): EcrImage | undefined {
  const match = ECR_IMAGE.exec(uri);
  if (match === null) return undefined;
  const [, accountId, region, china, repository] = match;
  return { accountId, region, partition: china === undefined ? "aws" : "aws-cn", repository };
}

/** The repository ARN IAM grants image pulls on. */
export function repositoryArn(image: EcrImage): string {
  return `arn:${image.partition}:ecr:${image.region}:${image.accountId}:repository/${image.repository}`;
}
