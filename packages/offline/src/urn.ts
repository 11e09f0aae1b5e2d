/** The type of the root resource every program registers first; never part of a child's URN. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The qualified type of a URN: `parentType$...$type`, the third `::`-separated part. */
export function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/**
 * The URN the Pulumi engine gives a resource, by the rule of pulumi/pulumi (read at
 * 1b5949891b3cefcb9974752b24a5ecef0acc86c8):
 * - pkg/resource/deploy/deployment.go:796-805 `generateURN`: the parent's *qualified* type (its
 *   whole `$` chain) is the prefix, except for an empty parent or the root stack;
 * - sdk/go/common/resource/urn/urn.go:80-93 `urn.New`: `urn:pulumi:<stack>::<project>::` +
 *   (`<parentType>$` when there is one) + `<type>::<name>`.
 * So a stack's direct children carry no `pulumi:pulumi:Stack$` prefix, and a resource two
 * components deep carries both components' types.
 */
export function engineUrn(stack: string, project: string, parent: string, type: string, name: string): string {
  const parentType = parent === "" ? "" : qualifiedType(parent);
  const qualified = parentType === "" || parentType === ROOT_STACK_TYPE ? type : `${parentType}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}
