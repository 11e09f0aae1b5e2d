/**
 * Types in the plan that are not Terraform resources, with the AWS calls they make. Each entry
 * cites where the calls come from; this is the only hand-kept list, and it holds what no
 * dataset describes.
 */
import type { TerraformType } from "./terraform-types";

export interface ComponentCalls {
  /** Terraform data sources the component reads through the AWS provider. */
  readonly reads: readonly TerraformType[];
  /** Further actions, on the component's repository. */
  readonly actions: readonly string[];
  readonly source: string;
}

export const COMPONENT_CALLS: Readonly<Record<string, ComponentCalls>> = {
  // awsx's Image logs in to the registry with aws.ecr.getAuthorizationToken and pushes with
  // Docker (pulumi-awsx awsx/ecr/image.ts); the push needs the calls the ECR guide lists under
  // "Required IAM permissions for pushing an image".
  "awsx:ecr:Image": {
    reads: [{ kind: "data", name: "aws_ecr_authorization_token" }],
    actions: ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"],
    source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html",
  },
};

/** Registrations that make no AWS call: components, providers, stack references, random values. */
export const isWithoutAwsCalls = (type: string): boolean => /^(pulumi|platform|random):/.test(type);
