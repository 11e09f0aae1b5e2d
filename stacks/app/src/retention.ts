/**
 * Retention periods CloudWatch Logs accepts for `retentionInDays` (PutRetentionPolicy). Any other
 * number is rejected by the API at deploy time, after other resources were already created, so
 * the config schema refuses it up front. 0 ("never expire") is deliberately not offered: every
 * log group on this platform has a retention.
 */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function isCloudWatchRetention(days: number): boolean {
  return (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days);
}
