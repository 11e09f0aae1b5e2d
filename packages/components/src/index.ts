export * from "./policy-document";
export * from "./account-scope";
export * from "./lifecycle-rules";
export * from "./secure-bucket";
export * from "./workload-role";
export { readBuildContext, type ContextFile } from "./build-context";
