export * from "./types";
export * from "./wire";
export * from "./pulumi-files";
export * from "./run-stack";
export * from "./run-stacks";
export * from "./testing";
export { OFFLINE_ACCOUNT_ID } from "./mocks/identity";
