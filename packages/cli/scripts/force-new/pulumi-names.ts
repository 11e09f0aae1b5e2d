/**
 * How pulumi-aws names what it bridges from the Terraform AWS provider.
 *
 * Type tokens: pulumi/pulumi-aws provider/resources.go maps each Terraform type to
 * `awsResource(<module>Mod, "<Type>")`; for most the Terraform name is `aws_<module>_<snake Type>`
 * or `aws_<snake Type>`, and the script picks the one the provider source registers. The
 * entries below are the ones resources.go names otherwise (looked up there, e.g.
 * `"aws_db_subnet_group": {Tok: awsResource(rdsMod, "SubnetGroup")}`,
 * `addLegacyAlias("aws_lb", ..., awsResource(lbMod, "LoadBalancer"))`).
 */
export const TERRAFORM_TYPE_EXCEPTIONS: Readonly<Record<string, string>> = {
  "aws:lb/loadBalancer:LoadBalancer": "aws_lb",
  "aws:rds/subnetGroup:SubnetGroup": "aws_db_subnet_group",
  "aws:cloudtrail/trail:Trail": "aws_cloudtrail",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": "aws_iam_openid_connect_provider",
  "aws:cfg/recorder:Recorder": "aws_config_configuration_recorder",
  "aws:cfg/recorderStatus:RecorderStatus": "aws_config_configuration_recorder_status",
  "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment": "aws_cognito_identity_pool_roles_attachment",
};

/** Pulumi module -> Terraform prefix where they differ (resources.go: cfgMod holds `aws_config_*`). */
const MODULE_PREFIX: Readonly<Record<string, string>> = { cfg: "config" };

const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();

/** Terraform type names a Pulumi token may stand for, most specific first. */
export function terraformTypeCandidates(token: string): string[] {
  const exception = TERRAFORM_TYPE_EXCEPTIONS[token];
  if (exception) return [exception];
  const match = /^aws:([a-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(token);
  if (!match) return [];
  const [, module, type] = match;
  return [`aws_${MODULE_PREFIX[module] ?? module}_${snake(type)}`, `aws_${snake(type)}`];
}

/**
 * Field names resources.go sets by hand instead of the bridge's rule, per Terraform type
 * (`// Use "ingress" instead of "ingresses" to match AWS APIs`).
 */
export const FIELD_NAME_EXCEPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_security_group: { ingress: "ingress", egress: "egress" },
  aws_default_security_group: { ingress: "ingress", egress: "egress" },
  // `"alarm_name": tfbridge.AutoName("name", 255, "-")`
  aws_cloudwatch_metric_alarm: { alarm_name: "name" },
};

/**
 * The plural pulumi-terraform-bridge gives a list attribute (tfbridge.TerraformToPulumiNameV2
 * pluralises names of lists and sets that may hold more than one item, with go-inflector's
 * English rules; names that already are plural stay as they are).
 */
export function pluralise(word: string): string {
  if (/(ss|us|x|ch|sh)$/.test(word)) return `${word}es`;
  if (/s$/.test(word)) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

export const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The Pulumi property name of a Terraform attribute. */
export function pulumiName(tfType: string, attribute: { name: string; list: boolean; maxOne: boolean }, topLevel: boolean): string {
  const exception = topLevel ? FIELD_NAME_EXCEPTIONS[tfType]?.[attribute.name] : undefined;
  if (exception) return exception;
  const name = camel(attribute.name);
  return attribute.list && !attribute.maxOne ? pluralise(name) : name;
}
