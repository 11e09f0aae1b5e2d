import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { parseEcrImage, repositoryArn } from "./image-reference";
import { contentTag, readBuildContext } from "./image-tag";

export interface ImageRegistryArgs {
  readonly kmsKeyArn: pulumi.Input<string>;
  /** How many images to keep; older ones expire. */
  readonly keepImages: number;
  /** Build a folder's Dockerfile (relative to stacks/app) and push it, or run a pushed image. */
  readonly image: { readonly buildPath: string } | { readonly uri: string };
  readonly cpuArchitecture: "X86_64" | "ARM64";
}

/** ECR lifecycle: untagged layers go after a day; beyond the newest N images everything goes. */
export function lifecyclePolicy(keepImages: number): string {
  return JSON.stringify({
    rules: [
      { rulePriority: 1, description: "Expire untagged images after 1 day", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 }, action: { type: "expire" } },
      { rulePriority: 2, description: `Keep the newest ${keepImages} images`, selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages }, action: { type: "expire" } },
    ],
  });
}

/**
 * The service's image repository (KMS, scan on push, immutable tags) and the image the service
 * runs: built from stacks/app/<buildPath> and pushed by awsx.ecr.Image, or a configured URI.
 */
export class ImageRegistry extends pulumi.ComponentResource {
  readonly repository: aws.ecr.Repository;
  readonly imageUri: pulumi.Output<string>;
  /** The repository the image is pulled from: this stack's, or the configured image's. */
  readonly pullRepositoryArn: pulumi.Output<string>;

  constructor(name: string, args: ImageRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:ImageRegistry", name, {}, opts);
    const parent = { parent: this };

    this.repository = new aws.ecr.Repository(
      name,
      {
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
        forceDelete: false,
      },
      parent,
    );
    new aws.ecr.LifecyclePolicy(name, { repository: this.repository.name, policy: lifecyclePolicy(args.keepImages) }, parent);

    if ("buildPath" in args.image) {
      const context = path.resolve(__dirname, "..", args.image.buildPath);
      const platform = args.cpuArchitecture === "ARM64" ? "linux/arm64" : "linux/amd64";
      const image = new awsx.ecr.Image(
        name,
        {
          repositoryUrl: this.repository.repositoryUrl,
          context,
          platform,
          // Immutable tags: awsx's default tag is the same for every build of this folder, so the
          // tag is a hash of the sources instead; a changed build pushes a new tag, an unchanged one none.
          imageTag: contentTag(readBuildContext(context), platform),
        },
        parent,
      );
      this.imageUri = image.imageUri;
      this.pullRepositoryArn = this.repository.arn;
    } else {
      const uri = args.image.uri;
      const ecr = parseEcrImage(uri);
      // Config validation admits only private ECR URIs; this guards callers that skipped it.
      if (ecr === undefined) throw new pulumi.RunError(`${uri} is not a private ECR image URI`);
      this.imageUri = pulumi.output(uri);
      this.pullRepositoryArn = pulumi.output(repositoryArn(ecr));
    }
    this.registerOutputs({ repositoryUrl: this.repository.repositoryUrl, imageUri: this.imageUri, pullRepositoryArn: this.pullRepositoryArn });
  }
}
