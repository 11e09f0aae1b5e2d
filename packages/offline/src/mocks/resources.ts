import type { MockResourceArgs } from "@pulumi/pulumi/runtime";
import { ID_RULES } from "./id-rules";
import { ecrImageOutputs } from "./image";
import { OFFLINE_ACCOUNT_ID, stableHex, stableUuid } from "./identity";

export interface ResourceContext {
  /** Region of the resource's provider (an explicit `aws.Provider` region, else `aws:region`). */
  readonly region: string;
  /** Identity seed: the resource's URN, so outputs are stable between runs. */
  readonly seed: string;
}

interface Computed {
  id: string;
  state: Record<string, unknown>;
  /** Set when no rule knows this type's id shape and the id is only a unique stand-in. */
  generic?: true;
}

/** EC2-style resource ids by type token. */
const EC2_ID_PREFIX: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/defaultRouteTable:DefaultRouteTable": "rtb",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/instance:Instance": "i",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
  "aws:ec2/networkAcl:NetworkAcl": "acl",
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": "acl",
  "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment": "igw-attach",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
  "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
  "aws:ebs/volume:Volume": "vol",
};

function tokenParts(type: string): { pkg: string; module: string; resource: string } {
  const [pkg, mod = "index", resource = ""] = type.split(":");
  return { pkg, module: mod.split("/")[0], resource };
}

/** A physical name the way Pulumi auto-names: logical name plus a random-looking suffix. */
function autoName(name: string, seed: string, maxLength = 63): string {
  return `${name}-${stableHex(seed, 7)}`.slice(0, maxLength);
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Realistic computed outputs for a registered resource: an id of the right shape, an ARN, and
 * the names, endpoints and DNS names downstream code formats. Inputs are echoed back, as the
 * provider would.
 */
export function computeResource(args: MockResourceArgs, ctx: ResourceContext): Computed {
  const inputs = args.inputs as Record<string, unknown>;
  const { pkg, module, resource } = tokenParts(args.type);
  const { region, seed } = ctx;
  const acct = OFFLINE_ACCOUNT_ID;
  const hex17 = stableHex(seed, 17);
  const state: Record<string, unknown> = { ...inputs };
  const name = (inputs.name as string | undefined) ?? autoName(args.name, seed);

  if (args.type === "pulumi:providers:aws" || pkg === "pulumi") {
    return { id: args.id ?? stableUuid(seed), state };
  }
  // A remote component: no id, only the outputs its provider's construct would return.
  if (args.type === "awsx:ecr:Image") return { id: "", state: { ...state, ...ecrImageOutputs(inputs) } };

  if (args.type in EC2_ID_PREFIX) {
    const id = `${EC2_ID_PREFIX[args.type]}-${hex17}`;
    state.arn = `arn:aws:ec2:${region}:${acct}:${lower(resource).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}/${id}`;
    state.ownerId = acct;
    if (args.type === "aws:ec2/vpc:Vpc") {
      state.defaultSecurityGroupId = `sg-${stableHex(`${seed}/sg`, 17)}`;
      state.defaultRouteTableId = `rtb-${stableHex(`${seed}/rtb`, 17)}`;
      state.defaultNetworkAclId = `acl-${stableHex(`${seed}/acl`, 17)}`;
      state.mainRouteTableId = state.defaultRouteTableId;
    }
    if (args.type === "aws:ec2/vpcEndpoint:VpcEndpoint") {
      const service = String(inputs.serviceName ?? "");
      state.dnsEntries = [{ dnsName: `${id}.${service.split(".").slice(3).join(".")}.${region}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }];
      state.prefixListId = inputs.vpcEndpointType === "Gateway" ? `pl-${stableHex(service, 8)}` : undefined;
    }
    if (args.type === "aws:ec2/securityGroup:SecurityGroup") state.name = name;
    return { id, state };
  }

  switch (args.type) {
    case "aws:kms/key:Key": {
      const id = stableUuid(seed);
      return { id, state: { ...state, keyId: id, arn: `arn:aws:kms:${region}:${acct}:key/${id}` } };
    }
    case "aws:kms/alias:Alias":
      return { id: String(inputs.name), state: { ...state, arn: `arn:aws:kms:${region}:${acct}:${inputs.name}`, targetKeyArn: inputs.targetKeyId } };
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket = (inputs.bucket as string | undefined) ?? autoName(args.name, seed).toLowerCase();
      return {
        id: bucket,
        state: { ...state, bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`, region, hostedZoneId: "Z3AQBSTGFYJSTF" },
      };
    }
    case "aws:cloudwatch/logGroup:LogGroup":
      return { id: name, state: { ...state, name, arn: `arn:aws:logs:${region}:${acct}:log-group:${name}` } };
    case "aws:iam/role:Role":
      return { id: name, state: { ...state, name, arn: `arn:aws:iam::${acct}:role${inputs.path ?? "/"}${name}`, uniqueId: `AROA${stableHex(seed, 17).toUpperCase()}` } };
    case "aws:iam/policy:Policy":
      return { id: `arn:aws:iam::${acct}:policy/${name}`, state: { ...state, name, arn: `arn:aws:iam::${acct}:policy/${name}`, policyId: `ANPA${stableHex(seed, 17).toUpperCase()}` } };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
      const host = String(inputs.url ?? "").replace(/^https:\/\//, "");
      const arn = `arn:aws:iam::${acct}:oidc-provider/${host}`;
      return { id: arn, state: { ...state, arn } };
    }
    case "aws:lb/loadBalancer:LoadBalancer":
    case "aws:alb/loadBalancer:LoadBalancer": {
      const lbName = ((inputs.name as string | undefined) ?? autoName(args.name, seed, 32)).slice(0, 32);
      const arn = `arn:aws:elasticloadbalancing:${region}:${acct}:loadbalancer/app/${lbName}/${stableHex(seed, 16)}`;
      const prefix = inputs.internal === true ? "internal-" : "";
      return {
        id: arn,
        state: { ...state, name: lbName, arn, arnSuffix: arn.split(":loadbalancer/")[1], dnsName: `${prefix}${lbName}-${parseInt(stableHex(seed, 8), 16)}.${region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K" },
      };
    }
    case "aws:lb/targetGroup:TargetGroup":
    case "aws:alb/targetGroup:TargetGroup": {
      const tgName = ((inputs.name as string | undefined) ?? autoName(args.name, seed, 32)).slice(0, 32);
      const arn = `arn:aws:elasticloadbalancing:${region}:${acct}:targetgroup/${tgName}/${stableHex(seed, 16)}`;
      return { id: arn, state: { ...state, name: tgName, arn, arnSuffix: arn.split(":")[5] } };
    }
    case "aws:lb/listener:Listener":
    case "aws:alb/listener:Listener":
    case "aws:lb/listenerRule:ListenerRule":
    case "aws:alb/listenerRule:ListenerRule": {
      const kind = resource === "Listener" ? "listener" : "listener-rule";
      const arn = `arn:aws:elasticloadbalancing:${region}:${acct}:${kind}/app/lb/${stableHex(seed, 16)}/${stableHex(`${seed}/2`, 16)}`;
      return { id: arn, state: { ...state, arn } };
    }
    case "aws:ecr/repository:Repository": {
      const repo = (inputs.name as string | undefined) ?? autoName(args.name, seed).toLowerCase();
      return { id: repo, state: { ...state, name: repo, arn: `arn:aws:ecr:${region}:${acct}:repository/${repo}`, repositoryUrl: `${acct}.dkr.ecr.${region}.amazonaws.com/${repo}`, registryId: acct } };
    }
    case "aws:ecs/cluster:Cluster":
      return { id: `arn:aws:ecs:${region}:${acct}:cluster/${name}`, state: { ...state, name, arn: `arn:aws:ecs:${region}:${acct}:cluster/${name}` } };
    case "aws:ecs/service:Service":
      return { id: `arn:aws:ecs:${region}:${acct}:service/${name}`, state: { ...state, name } };
    case "aws:ecs/taskDefinition:TaskDefinition": {
      const family = String(inputs.family ?? name);
      const arn = `arn:aws:ecs:${region}:${acct}:task-definition/${family}:1`;
      return { id: family, state: { ...state, arn, arnWithoutRevision: arn.replace(/:1$/, ""), revision: 1 } };
    }
    case "aws:rds/cluster:Cluster": {
      const id = (inputs.clusterIdentifier as string | undefined) ?? autoName(args.name, seed);
      return {
        id,
        state: { ...state, clusterIdentifier: id, arn: `arn:aws:rds:${region}:${acct}:cluster:${id}`, endpoint: `${id}.cluster-${stableHex(seed, 12)}.${region}.rds.amazonaws.com`, readerEndpoint: `${id}.cluster-ro-${stableHex(seed, 12)}.${region}.rds.amazonaws.com`, port: inputs.port ?? 5432, clusterResourceId: `cluster-${stableHex(seed, 26).toUpperCase()}`, masterUserSecrets: inputs.manageMasterUserPassword ? [{ secretArn: `arn:aws:secretsmanager:${region}:${acct}:secret:rds!cluster-${stableUuid(seed)}-${stableHex(seed, 6)}`, kmsKeyId: inputs.masterUserSecretKmsKeyId, secretStatus: "active" }] : [] },
      };
    }
    case "aws:cloudfront/distribution:Distribution": {
      const id = `E${stableHex(seed, 13).toUpperCase()}`;
      return { id, state: { ...state, arn: `arn:aws:cloudfront::${acct}:distribution/${id}`, domainName: `d${stableHex(seed, 13)}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2", etag: `E${stableHex(`${seed}/etag`, 13).toUpperCase()}`, status: "Deployed" } };
    }
    case "aws:cloudfront/vpcOrigin:VpcOrigin": {
      const id = `vo_${stableHex(seed, 22)}`;
      return { id, state: { ...state, arn: `arn:aws:cloudfront::${acct}:vpcorigin/${id}`, etag: `E${stableHex(seed, 13).toUpperCase()}` } };
    }
    case "aws:cloudfront/function:Function":
      return { id: name, state: { ...state, name, arn: `arn:aws:cloudfront::${acct}:function/${name}`, etag: `E${stableHex(seed, 13).toUpperCase()}`, liveStageEtag: `E${stableHex(seed, 13).toUpperCase()}`, status: "UNASSOCIATED" } };
    case "aws:wafv2/webAcl:WebAcl": {
      const id = stableUuid(seed);
      const scope = String(inputs.scope ?? "REGIONAL") === "CLOUDFRONT" ? "global" : "regional";
      return { id, state: { ...state, name, arn: `arn:aws:wafv2:${region}:${acct}:${scope}/webacl/${name}/${id}`, capacity: 1000 } };
    }
    case "aws:acm/certificate:Certificate": {
      const domain = String(inputs.domainName ?? "example.com");
      const arn = `arn:aws:acm:${region}:${acct}:certificate/${stableUuid(seed)}`;
      return { id: arn, state: { ...state, arn, domainValidationOptions: [{ domainName: domain, resourceRecordName: `_${stableHex(seed, 32)}.${domain}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${stableHex(`${seed}/v`, 32)}.acm-validations.aws.` }] } };
    }
    case "aws:rum/appMonitor:AppMonitor": {
      const id = stableUuid(seed);
      return { id: name, state: { ...state, name, appMonitorId: id, arn: `arn:aws:rum:${region}:${acct}:appmonitor/${name}` } };
    }
    case "aws:cognito/identityPool:IdentityPool": {
      const id = `${region}:${stableUuid(seed)}`;
      return { id, state: { ...state, arn: `arn:aws:cognito-identity:${region}:${acct}:identitypool/${id}` } };
    }
    case "random:index/randomPassword:RandomPassword":
    case "random:index/randomString:RandomString":
      return { id: "none", state: { ...state, result: stableHex(seed, Number(inputs.length ?? 32)) } };
    case "random:index/randomId:RandomId": {
      const hex = stableHex(seed, Number(inputs.byteLength ?? 8) * 2);
      return { id: hex, state: { ...state, hex, b64Url: Buffer.from(hex, "hex").toString("base64url"), dec: BigInt(`0x${hex}`).toString() } };
    }
    default:
      break;
  }

  const rule = ID_RULES[args.type];
  if (rule !== undefined) {
    const answer = rule({ inputs, region, seed, name });
    return { id: args.id ?? answer.id, state: { ...state, ...answer.state } };
  }

  // A type no rule knows: a unique id, and an ARN in the conventional shape when the type has one.
  // The all-stacks test names every type of ours that lands here, so it gets a rule.
  const id = `${args.name}-${stableHex(seed, 8)}`;
  if (pkg === "aws" && !/Attachment|Association|Policy$|Rule$|Configuration|Version$/.test(resource)) {
    state.arn ??= `arn:aws:${module}:${region}:${acct}:${lower(resource)}/${id}`;
  }
  if (inputs.name === undefined && args.custom) state.name = name;
  return { id: args.id ?? id, state, generic: true };
}

/** True when the mocks know the id shape of this type (false: computeResource falls back to a stand-in). */
export function hasIdRule(type: string): boolean {
  return computeResource({ type, name: "probe", inputs: {}, custom: true }, { region: "us-east-1", seed: "probe" }).generic !== true;
}
