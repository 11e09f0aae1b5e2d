import { oneOf, plain, resourcesOf, type RecordedResource, type StackRun } from "@platform/offline";

/** A resource's inputs with secrets unwrapped. */
export function props<T = Record<string, unknown>>(resource: RecordedResource): T {
  return plain<T>(resource.inputs);
}

export function one<T = Record<string, unknown>>(run: StackRun, type: string, name?: string): T {
  return props<T>(oneOf(run, type, name));
}

export function all<T = Record<string, unknown>>(run: StackRun, type: string): T[] {
  return resourcesOf(run, type).map((r) => props<T>(r));
}

export function outputs<T = Record<string, unknown>>(run: StackRun | undefined): T {
  if (run === undefined) throw new Error("that stack did not run");
  return plain<T>(run.outputs);
}

/** The output (state) a resource ended with, e.g. an ARN. */
export function state<T = Record<string, unknown>>(run: StackRun, type: string, name?: string): T {
  return plain<T>(oneOf(run, type, name).outputs);
}

export interface Container {
  name: string;
  image?: string;
  user: string;
  privileged: boolean;
  readonlyRootFilesystem: boolean;
  command?: string[];
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  portMappings?: { containerPort: number }[];
  logConfiguration: { logDriver: string; options: Record<string, string> };
  linuxParameters: { capabilities: { drop: string[] } };
}

export function containers(taskDefinition: { containerDefinitions: string }): Container[] {
  return JSON.parse(taskDefinition.containerDefinitions) as Container[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export function statements(policy: unknown): PolicyStatement[] {
  return (JSON.parse(String(policy)) as { Statement: PolicyStatement[] }).Statement;
}

export const TYPES = {
  lb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  listenerRule: "aws:lb/listenerRule:ListenerRule",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  service: "aws:ecs/service:Service",
  cluster: "aws:ecs/cluster:Cluster",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  bucket: "aws:s3/bucket:Bucket",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  repository: "aws:ecr/repository:Repository",
  ecrLifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
  image: "awsx:ecr:Image",
  schedule: "aws:scheduler/schedule:Schedule",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  role: "aws:iam/role:Role",
  scalingTarget: "aws:appautoscaling/target:Target",
  scalingPolicy: "aws:appautoscaling/policy:Policy",
  rdsCluster: "aws:rds/cluster:Cluster",
  rdsInstance: "aws:rds/clusterInstance:ClusterInstance",
  subnetGroup: "aws:rds/subnetGroup:SubnetGroup",
} as const;
