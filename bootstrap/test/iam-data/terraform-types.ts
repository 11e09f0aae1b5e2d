/**
 * The Terraform type behind a Pulumi AWS type token. pulumi-aws is bridged from the Terraform AWS
 * provider and names most tokens by rule from the Terraform name (provider/resources.go:
 * `awsResource(<module>Mod, <Name>)`, `awsDataSource(<module>Mod, "get<Name>")`, and the
 * computed tokens for newer resources): `aws_<module>_<snake name>`, or `aws_<snake name>` for
 * resources without a service prefix (`aws_vpc` is `aws:ec2/vpc:Vpc`). The rule is run against
 * the names pike knows, so a derived name that Terraform does not have is never chosen.
 */

/**
 * Pulumi modules whose Terraform prefix differs (provider/resources.go: `cfgMod = "cfg"` holds
 * the `aws_config_*` resources).
 */
const MODULE_PREFIX: Readonly<Record<string, string>> = { cfg: "config" };

/**
 * Tokens whose Terraform name the rule cannot give: resources.go names them explicitly.
 *   "aws_cloudtrail": {Tok: awsResource(cloudtrailMod, "Trail")}
 *   "aws_cognito_identity_pool_roles_attachment": {Tok: awsResource(cognitoMod, "IdentityPoolRoleAttachment")}
 *   "aws_config_configuration_recorder": {Tok: awsResource(cfgMod, "Recorder")}
 *   "aws_config_configuration_recorder_status": {Tok: awsResource(cfgMod, "RecorderStatus")}
 *   "aws_db_subnet_group": {Tok: awsResource(rdsMod, "SubnetGroup")}
 *   addLegacyAlias("aws_lb", awsResource(legacyElbv2Mod, "LoadBalancer"), awsResource(lbMod, "LoadBalancer"), nil)
 */
const NAMED_IN_RESOURCES_GO: Readonly<Record<string, string>> = {
  "aws:cloudtrail/trail:Trail": "aws_cloudtrail",
  "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment": "aws_cognito_identity_pool_roles_attachment",
  "aws:cfg/recorder:Recorder": "aws_config_configuration_recorder",
  "aws:cfg/recorderStatus:RecorderStatus": "aws_config_configuration_recorder_status",
  "aws:rds/subnetGroup:SubnetGroup": "aws_db_subnet_group",
  "aws:lb/loadBalancer:LoadBalancer": "aws_lb",
};

export type TerraformKind = "resource" | "data";

export interface TerraformType {
  readonly kind: TerraformKind;
  readonly name: string;
}

/** Terraform's snake_case of a Pulumi name (the bridge camel-cases Terraform names). */
export const snake = (camel: string): string =>
  camel
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();

/** Candidate Terraform names for a token, most specific first. */
export function candidateNames(token: string): { kind: TerraformKind; names: string[] } {
  const match = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(token);
  if (match === null) throw new Error(`${token} is not a Pulumi AWS type token (aws:<module>/<member>:<Name>)`);
  const [, module, , member] = match;
  const kind: TerraformKind = /^get[A-Z]/.test(member) ? "data" : "resource";
  const name = snake(kind === "data" ? member.slice(3) : member);
  const named = NAMED_IN_RESOURCES_GO[token];
  if (named !== undefined) return { kind, names: [named] };
  const prefix = MODULE_PREFIX[module] ?? module.toLowerCase();
  const names = module === "index" ? [`aws_${name}`] : [`aws_${prefix}_${name}`, `aws_${name}`];
  return { kind, names };
}

/** The Terraform type of a token, the first candidate that `known` (pike's index) has. */
export function terraformTypeOf(token: string, known: (type: TerraformType) => boolean): TerraformType | undefined {
  const { kind, names } = candidateNames(token);
  const name = names.find((n) => known({ kind, name: n }));
  return name === undefined ? undefined : { kind, name };
}
