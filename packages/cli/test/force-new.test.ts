import * as fs from "node:fs";
import * as path from "node:path";
import forceNew from "../data/force-new.json";
import { replacementKey, replacingPaths } from "../src/plan/force-new";
import { referenceKey, referenceOutputs } from "@platform/offline";
import { runStackHere } from "../src/plan/run-in-process";
import { resourceSchema, type GoPackage, type TfAttribute } from "../scripts/force-new/tf-schema";
import { pluralise, pulumiName, terraformTypeCandidates } from "../scripts/force-new/pulumi-names";
import { REPO_ROOT } from "../src/repo";

// Shapes copied from terraform-provider-aws internal/service: an SDKv2 resource (ec2/vpc_.go,
// nested blocks as in elbv2/load_balancer.go) and a plugin-framework one
// (ec2/vpc_security_group_ingress_rule.go, whose Schema method lives on an embedded struct).
const SDK = `package ec2
// @SDKResource("aws_vpc", name="VPC")
func ResourceVPC() *schema.Resource {
	return &schema.Resource{
		CustomizeDiff: customdiff.All(resourceVPCCustomizeDiff), // a call, not the schema
		Schema: map[string]*schema.Schema{
			names.AttrARN: {Type: schema.TypeString, Computed: true},
			"cidr_block": {
				Type:     schema.TypeString,
				Optional: true,
				ForceNew: true, // "}" in a comment, { and "," in strings: "a,b"
				ValidateFunc: validation.StringInSlice([]string{"x", "y"}, false),
			},
			"access_logs": {
				Type:     schema.TypeList,
				MaxItems: 1,
				Elem: &schema.Resource{Schema: map[string]*schema.Schema{
					"bucket": {Type: schema.TypeString, Required: true, ForceNew: true},
					"enabled": {Type: schema.TypeBool, Optional: true},
				}},
			},
			"subnet_mapping": {Type: schema.TypeSet, Optional: true, Elem: subnetMappingResource()},
			names.AttrTags: tftags.TagsSchema(),
		},
	}
}

func subnetMappingResource() *schema.Resource {
	return &schema.Resource{Schema: map[string]*schema.Schema{"subnet_id": {Type: schema.TypeString, Required: true, ForceNew: true}}}
}
`;
const FRAMEWORK = `package ec2
func (r *securityGroupRuleResource) Schema(ctx context.Context, request resource.SchemaRequest, response *resource.SchemaResponse) {
	response.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			names.AttrDescription: schema.StringAttribute{Optional: true},
			"security_group_id": schema.StringAttribute{
				Required: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplace(),
				},
			},
		},
	}
}
`;
const INGRESS = `package ec2
// @FrameworkResource(name="Security Group Ingress Rule")
func newSecurityGroupIngressRuleResource(context.Context) (resource.ResourceWithConfigure, error) {
	return &securityGroupIngressRuleResource{}, nil
}
type securityGroupIngressRuleResource struct {
	securityGroupRuleResource
}
func (r *securityGroupIngressRuleResource) Metadata(_ context.Context, request resource.MetadataRequest, response *resource.MetadataResponse) {
	response.TypeName = "aws_vpc_security_group_ingress_rule"
}
`;

const pkg: GoPackage = {
  files: new Map([["vpc_.go", SDK], ["rule.go", FRAMEWORK], ["ingress.go", INGRESS]]),
  constants: new Map([["AttrARN", "arn"], ["AttrTags", "tags"], ["AttrDescription", "description"]]),
};

const forced = (attrs: readonly TfAttribute[] | undefined, prefix = ""): string[] =>
  (attrs ?? []).flatMap((a) => [...(a.forceNew ? [`${prefix}${a.name}`] : []), ...forced(a.children, `${prefix}${a.name}.`)]);

describe("reading replacement rules from the provider's Go schemas", () => {
  it("finds ForceNew attributes of an SDKv2 resource, in nested blocks and local helpers too", () => {
    const schema = resourceSchema("aws_vpc", "vpc_.go", pkg);
    expect(schema?.map((a) => a.name)).toEqual(["arn", "cidr_block", "access_logs", "subnet_mapping"]);
    expect(forced(schema)).toEqual(["cidr_block", "access_logs.bucket", "subnet_mapping.subnet_id"]);
    expect(schema?.find((a) => a.name === "access_logs")).toMatchObject({ list: true, maxOne: true });
  });

  it("finds RequiresReplace plan modifiers of a framework resource whose Schema method is on an embedded struct", () => {
    expect(forced(resourceSchema("aws_vpc_security_group_ingress_rule", "ingress.go", pkg))).toEqual(["security_group_id"]);
  });

  it("names attributes as the bridge does: camelCase, lists of many pluralised, hand-named exceptions kept", () => {
    expect(pulumiName("aws_lb", { name: "subnet_mapping", list: true, maxOne: false }, true)).toBe("subnetMappings");
    expect(pulumiName("aws_lb", { name: "access_logs", list: true, maxOne: true }, true)).toBe("accessLogs");
    expect(pulumiName("aws_security_group", { name: "ingress", list: true, maxOne: false }, true)).toBe("ingress");
    expect(pulumiName("aws_cloudwatch_metric_alarm", { name: "alarm_name", list: false, maxOne: false }, true)).toBe("name");
    expect(["origin", "policy", "address", "subnets"].map(pluralise)).toEqual(["origins", "policies", "addresses", "subnets"]);
    expect(terraformTypeCandidates("aws:ec2/vpc:Vpc")).toEqual(["aws_ec2_vpc", "aws_vpc"]);
    expect(terraformTypeCandidates("aws:lb/loadBalancer:LoadBalancer")).toEqual(["aws_lb"]);
  });
});

describe("data/force-new.json", () => {
  it("records its source commit and licence, and covers every aws type the stacks construct", () => {
    expect(forceNew.source).toMatchObject({ repository: "https://github.com/hashicorp/terraform-provider-aws", license: "MPL-2.0" });
    expect(forceNew.source.commit).toMatch(/^[0-9a-f]{40}$/);
    const used = new Set<string>();
    const scan = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "node_modules" || e.name === "test") continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) scan(full);
        else if (e.name.endsWith(".ts")) for (const [, m, t] of fs.readFileSync(full, "utf8").matchAll(/new aws\.([a-z0-9]+)\.([A-Z]\w+)\(/g)) used.add(`${m}.${t}`);
      }
    };
    ["stacks", "packages/components", "bootstrap"].forEach((d) => scan(path.join(REPO_ROOT, d)));
    const known = new Set([...Object.keys(forceNew.resources), ...Object.keys(forceNew.missing)].map((token) => token.replace(/^aws:([a-z0-9]+)\/\w+:(\w+)$/, "$1.$2")));
    expect([...used].filter((u) => !known.has(u))).toEqual([]);
  });

  // Oracles: internal/service/ec2/vpc_.go ("cidr_block": ForceNew: true) and
  // internal/service/elbv2/load_balancer.go ("internal": ForceNew: true) at the recorded commit.
  it("makes a VPC CIDR or an ALB's internal flag a replacement, and tags an update", () => {
    expect(replacingPaths("aws:ec2/vpc:Vpc", ["cidrBlock", "tags.Name"])).toEqual(["cidrBlock"]);
    expect(replacingPaths("aws:lb/loadBalancer:LoadBalancer", ["internal", "idleTimeout"])).toEqual(["internal"]);
    expect(replacingPaths("aws:rds/cluster:Cluster", ["restoreToPointInTime[0].restoreType", "backupRetentionPeriod"])).toEqual(["restoreToPointInTime[0].restoreType"]);
  });
});

describe("mock ids follow replacements, as AWS gives a replaced resource a new id", () => {
  it("keys a resource by its force-new inputs only", () => {
    // vpc_.go: cidr_block is ForceNew; tags update in place.
    const key = (inputs: Record<string, unknown>) => replacementKey("aws:ec2/vpc:Vpc", inputs);
    expect(key({ cidrBlock: "10.20.0.0/16", tags: { a: "1" } })).toBe(key({ cidrBlock: "10.20.0.0/16", tags: { a: "2" } }));
    expect(key({ cidrBlock: "10.20.0.0/16" })).not.toBe(key({ cidrBlock: "10.30.0.0/16" }));
    expect(replacementKey("aws:unknown/thing:Thing", { a: 1 })).toBeUndefined();
  });

  it("gives the network a new VPC id for a new CIDR, and the downstream reader a new vpcId, while the flow-log group keeps its name", async () => {
    const security = await runStackHere({ stack: "security", env: "dev", repoRoot: REPO_ROOT, upstreams: new Map() });
    if (!security.ok) throw new Error("security did not plan");
    const upstreams = new Map([[referenceKey("security", "dev"), referenceOutputs(security.run)]]);
    const plan = (cidr: string) => runStackHere({ stack: "network", env: "dev", repoRoot: REPO_ROOT, upstreams, config: { vpcCidr: cidr } });
    const [a, b] = [await plan("10.20.0.0/16"), await plan("10.30.0.0/16")];
    if (!a.ok || !b.ok) throw new Error("network did not plan");
    const outputs = (r: typeof a) => (r.ok ? (r.run.outputs as Record<string, unknown>) : {});
    expect(outputs(a).vpcId).not.toBe(outputs(b).vpcId);
    expect(outputs(a).flowLogGroupName).toBe(outputs(b).flowLogGroupName);
  });
});
