/**
 * Resource types whose replacement or deletion loses data, by type token. Matching is on the
 * `<package>:<module>/<member>:<Type>` token, so it is independent of logical names.
 */
const DATA_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^aws:rds\/(cluster|instance|globalCluster):/, "database"],
  [/^aws:(docdb|neptune|redshift|memorydb|dsql)\/(cluster|globalCluster):/, "database"],
  [/^aws:elasticache\/(cluster|replicationGroup|serverlessCache):/, "cache"],
  [/^aws:opensearch\/domain:|^aws:elasticsearch\/domain:/, "search domain"],
  [/^aws:s3\/(bucket|bucketV2|directoryBucket):/, "bucket"],
  [/^aws:s3tables\/(tableBucket|table):/, "table"],
  [/^aws:dynamodb\/(table|globalTable):|^aws:timestreamwrite\/table:|^aws:keyspaces\/table:|^aws:glue\/catalogTable:/, "table"],
  [/^aws:efs\/fileSystem:|^aws:fsx\/\w*FileSystem:|^aws:ebs\/(volume|snapshot):/, "file system"],
  [/^aws:kms\/(key|replicaKey|externalKey):/, "key"],
  [/^aws:secretsmanager\/secret:|^aws:ssm\/parameter:/, "secret"],
  [/^aws:cloudwatch\/logGroup:/, "log group"],
  [/^aws:sqs\/queue:|^aws:kinesis\/stream:/, "queue"],
  [/^aws:ecr\/repository:/, "image repository"],
  [/^aws:backup\/vault:|^aws:glacier\/vault:/, "backup vault"],
  [/^aws-native:(rds:DBCluster|rds:DBInstance|s3:Bucket|dynamodb:Table|efs:FileSystem|kms:Key|logs:LogGroup)$/, "data store"],
];

/** What kind of data a resource type holds ("database", "bucket", ...), or undefined. */
export function dataKindOf(type: string): string | undefined {
  return DATA_TYPES.find(([pattern]) => pattern.test(type))?.[1];
}

export function holdsData(type: string): boolean {
  return dataKindOf(type) !== undefined;
}
