/**
 * Resource type tokens and their aliases. Pulumi keeps deprecated spellings alive (aws:alb/* is
 * the old name of aws:lb/*, BucketV2 and its *V2 configuration resources sit beside Bucket), and a
 * policy that checks one spelling silently passes the other, so policies name a family here.
 */
export const T = {
  bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  bucketSse: [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  ],
  bucketPublicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  bucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
  bucketVersioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
  bucketLifecycle: [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  ],
  bucketAcl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
  loadBalancer: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
  listener: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
  securityGroup: ["aws:ec2/securityGroup:SecurityGroup"],
  securityGroupRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
  securityGroupIngressRule: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
  defaultSecurityGroup: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
  vpc: ["aws:ec2/vpc:Vpc"],
  flowLog: ["aws:ec2/flowLog:FlowLog"],
  subnet: ["aws:ec2/subnet:Subnet"],
  routeTable: ["aws:ec2/routeTable:RouteTable"],
  defaultRouteTable: ["aws:ec2/defaultRouteTable:DefaultRouteTable"],
  route: ["aws:ec2/route:Route"],
  internetGateway: ["aws:ec2/internetGateway:InternetGateway"],
  egressOnlyInternetGateway: ["aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway"],
  natGateway: ["aws:ec2/natGateway:NatGateway"],
  vpcEndpoint: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
  networkAcl: ["aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"],
  networkAclRule: ["aws:ec2/networkAclRule:NetworkAclRule"],
  cloudfrontVpcOrigin: ["aws:cloudfront/vpcOrigin:VpcOrigin"],
  cloudfrontDistribution: ["aws:cloudfront/distribution:Distribution"],
  instance: ["aws:ec2/instance:Instance"],
  launchTemplate: ["aws:ec2/launchTemplate:LaunchTemplate"],
  ebsVolume: ["aws:ebs/volume:Volume"],
  rdsInstance: ["aws:rds/instance:Instance"],
  rdsCluster: ["aws:rds/cluster:Cluster"],
  rdsClusterInstance: ["aws:rds/clusterInstance:ClusterInstance"],
  efsFileSystem: ["aws:efs/fileSystem:FileSystem"],
  efsAccessPoint: ["aws:efs/accessPoint:AccessPoint"],
  dynamoTable: ["aws:dynamodb/table:Table"],
  sqsQueue: ["aws:sqs/queue:Queue"],
  snsTopic: ["aws:sns/topic:Topic"],
  ecrRepository: ["aws:ecr/repository:Repository"],
  ecrLifecyclePolicy: ["aws:ecr/lifecyclePolicy:LifecyclePolicy"],
  logGroup: ["aws:cloudwatch/logGroup:LogGroup"],
  kmsKey: ["aws:kms/key:Key"],
  ecsService: ["aws:ecs/service:Service"],
  ecsTaskDefinition: ["aws:ecs/taskDefinition:TaskDefinition"],
  ecsCluster: ["aws:ecs/cluster:Cluster"],
  ecsClusterCapacity: ["aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"],
  iamPolicy: ["aws:iam/policy:Policy"],
  iamRolePolicy: ["aws:iam/rolePolicy:RolePolicy"],
  iamUserPolicy: ["aws:iam/userPolicy:UserPolicy"],
  iamGroupPolicy: ["aws:iam/groupPolicy:GroupPolicy"],
  iamUserPolicyAttachment: ["aws:iam/userPolicyAttachment:UserPolicyAttachment"],
  cloudTrail: ["aws:cloudtrail/trail:Trail"],
  awsxVpc: ["awsx:ec2:Vpc"],
  awsxAlb: ["awsx:lb:ApplicationLoadBalancer"],
  awsxFargateService: ["awsx:ecs:FargateService"],
  awsxEc2Service: ["awsx:ecs:EC2Service"],
} as const satisfies Record<string, readonly string[]>;

export type TypeFamily = readonly string[];

export function isOneOf(type: string, family: TypeFamily): boolean {
  return family.includes(type);
}
