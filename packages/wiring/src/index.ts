export * from "./graph";
export * from "./contract";
export * from "./contracts";
export * from "./config";
export * from "./upstream";
export * from "./errors";
export * from "./stack";
