export { startPolicyPack, type PolicyPackClient, type StartOptions } from "./client";
export { PolicyConfigError, resolvePackConfig } from "./config";
export { runPolicyPackScript } from "./pack";
export { encode, SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "./encoding";
export type * from "./types";
