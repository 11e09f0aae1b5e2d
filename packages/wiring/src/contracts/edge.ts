import { z } from "zod";
import { defineContract } from "../contract";

export const edgeContract = defineContract("edge", {
  distributionId: z.string(),
  distributionArn: z.string(),
  distributionDomainName: z.string(),
  webAclArn: z.string(),
});
