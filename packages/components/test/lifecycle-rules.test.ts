import fc from "fast-check";
import { s3LifecycleRule, s3LifecycleRules, type LifecycleRule } from "../src/lifecycle-rules";

const days = fc.integer({ min: 1, max: 3650 });

describe("lifecycle rules", () => {
  it("turns each action into exactly its S3 element, enabled, over the whole bucket", () => {
    const rule = fc.record(
      { expireAfterDays: days, noncurrentVersionDays: days, abortIncompleteUploadsAfterDays: days },
      { requiredKeys: [] },
    ).filter((r) => Object.keys(r).length > 0);
    fc.assert(
      fc.property(rule, (r) => {
        const s3 = s3LifecycleRule("logs", { id: "r", ...r });
        expect(s3).toMatchObject({ id: "r", status: "Enabled", filter: {} });
        expect(s3.expiration).toEqual(r.expireAfterDays === undefined ? undefined : { days: r.expireAfterDays });
        expect(s3.noncurrentVersionExpiration).toEqual(r.noncurrentVersionDays === undefined ? undefined : { noncurrentDays: r.noncurrentVersionDays });
        expect(s3.abortIncompleteMultipartUpload).toEqual(
          r.abortIncompleteUploadsAfterDays === undefined ? undefined : { daysAfterInitiation: r.abortIncompleteUploadsAfterDays },
        );
      }),
    );
  });

  it("removes expired delete markers with their own expiration element", () => {
    expect(s3LifecycleRule("data", { id: "markers", removeExpiredDeleteMarkers: true }).expiration).toEqual({ expiredObjectDeleteMarker: true });
  });

  it("refuses a rule without an action, naming the bucket and the rule", () => {
    expect(() => s3LifecycleRule("data", { id: "keep" })).toThrow(/Bucket data, lifecycle rule keep has no action/);
  });

  it.each<[keyof LifecycleRule, number]>([
    ["expireAfterDays", 0],
    ["noncurrentVersionDays", -1],
    ["abortIncompleteUploadsAfterDays", 1.5],
  ])("refuses %s of %d days", (key, value) => {
    expect(() => s3LifecycleRule("logs", { id: "r", [key]: value })).toThrow(new RegExp(`${key} must be a whole number of days`));
  });

  it("refuses expiry after days and delete-marker removal in one rule, which S3 rejects", () => {
    expect(() => s3LifecycleRule("logs", { id: "r", expireAfterDays: 30, removeExpiredDeleteMarkers: true })).toThrow(/cannot share a rule/);
  });

  it("refuses a bucket without rules and two rules with one id", () => {
    expect(() => s3LifecycleRules("logs", [])).toThrow(/Bucket logs has no lifecycle rules/);
    expect(() => s3LifecycleRules("logs", [{ id: "a", expireAfterDays: 1 }, { id: "a", noncurrentVersionDays: 1 }])).toThrow(/two lifecycle rules with id a/);
  });
});
