import type { StackName } from "../graph";
import { appContract } from "./app";
import { bootstrapContract } from "./bootstrap";
import { edgeContract } from "./edge";
import { networkContract } from "./network";
import { securityContract } from "./security";

export { appContract, bootstrapContract, edgeContract, networkContract, securityContract };

/** Every stack's contract by stack name; the one table consumers and tools look keys up in. */
export const CONTRACTS = {
  bootstrap: bootstrapContract,
  security: securityContract,
  network: networkContract,
  app: appContract,
  edge: edgeContract,
} as const satisfies { [K in StackName]: { stack: K } };

export type Contracts = typeof CONTRACTS;
