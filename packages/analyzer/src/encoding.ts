/**
 * The engine's wire encoding of special property values (sdk/go/common/resource/plugin/rpc.go;
 * the same constants live in @pulumi/pulumi/runtime/rpc).
 */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Builders for test fixtures and synthetic stacks: a secret and an unknown as the engine sends them. */
export const encode = {
  secret: (value: unknown): Record<string, unknown> => ({ [SECRET_SIG_KEY]: SECRET_SIG, value }),
  unknown: (): string => UNKNOWN,
};
