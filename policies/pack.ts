import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME } from "./src/all";
import { packPolicies } from "./src/pack";

// Levels are per policy (see README); `--policy-pack-config policies/config/<env>.json` adjusts them per environment.
new PolicyPack(PACK_NAME, {
  description: "AWS platform guardrails: encryption at rest and in transit, no public network paths, CloudFront cache-behavior safety and the CloudFront -> internal ALB -> Fargate topology.",
  provider: "aws",
  policies: [...packPolicies],
  enforcementLevel: "mandatory",
});
