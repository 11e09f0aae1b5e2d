import fc from "fast-check";
import { runErasure, settingsFromEnvironment, subjectIdOf, type ErasureSettings, type ErasureStore, type ObjectVersion } from "../../service/src/erasure";

/** A versioned S3 bucket in memory: deletes without a version add a delete marker, as S3 does. */
class VersionedBuckets implements ErasureStore {
  private next = 0;
  readonly versions = new Map<string, { key: string; versionId: string; body: string | undefined }[]>();
  refuseDeletesUnder?: string;

  put(bucket: string, key: string, body: string | undefined): void {
    const list = this.versions.get(bucket) ?? [];
    list.push({ key, versionId: `v${this.next++}`, body });
    this.versions.set(bucket, list);
  }
  private latest(bucket: string, key: string) {
    return (this.versions.get(bucket) ?? []).filter((v) => v.key === key).at(-1);
  }
  keys(bucket: string): string[] {
    return [...new Set((this.versions.get(bucket) ?? []).map((v) => v.key))].sort();
  }
  async listKeys(bucket: string, prefix: string) {
    return this.keys(bucket).filter((k) => k.startsWith(prefix) && this.latest(bucket, k)?.body !== undefined);
  }
  async listVersions(bucket: string, prefix: string): Promise<ObjectVersion[]> {
    return (this.versions.get(bucket) ?? []).filter((v) => v.key.startsWith(prefix)).map(({ key, versionId }) => ({ key, versionId }));
  }
  async getText(bucket: string, key: string) {
    const body = this.latest(bucket, key)?.body;
    if (body === undefined) throw new Error(`NoSuchKey ${key}`);
    return body;
  }
  async putText(bucket: string, key: string, body: string) {
    this.put(bucket, key, body);
  }
  async deleteVersions(bucket: string, versions: readonly ObjectVersion[]) {
    const doomed = new Set(versions.filter((v) => this.refuseDeletesUnder === undefined || !v.key.startsWith(this.refuseDeletesUnder)).map((v) => v.versionId));
    this.versions.set(bucket, (this.versions.get(bucket) ?? []).filter((v) => !doomed.has(v.versionId)));
  }
  async deleteObject(bucket: string, key: string) {
    this.put(bucket, key, undefined);
  }
}

const SETTINGS: ErasureSettings = {
  dataBucket: "data",
  personalDataPrefix: "personal/",
  exportBucket: "exports-bucket",
  exportPrefix: "exports/",
  requestPrefix: "erasure-requests/",
  completedPrefix: "erasure-completed/",
};
const NOW = () => new Date("2025-01-02T03:04:05Z");

function world(): VersionedBuckets {
  const s3 = new VersionedBuckets();
  s3.put("data", "personal/alice/profile.json", "a1");
  s3.put("data", "personal/alice/profile.json", "a2");
  s3.put("data", "personal/alice/photo.jpg", "p");
  s3.put("data", "personal/alice/photo.jpg", undefined);
  s3.put("data", "personal/alice-b/profile.json", "not alice");
  s3.put("data", "personal/bob/profile.json", "b");
  s3.put("data", "catalog/products.json", "shared");
  s3.put("exports-bucket", "exports/alice/2024.zip", "z");
  s3.put("exports-bucket", "exports/bob/2024.zip", "z");
  s3.put("data", "erasure-requests/alice.json", '{"requestedAt":"2025-01-01T00:00:00Z"}');
  return s3;
}

describe("erasure program", () => {
  it("deletes every version and delete marker of the requested subject in both buckets, and nothing else", async () => {
    const s3 = world();
    const summary = await runErasure(s3, SETTINGS, NOW);
    expect(summary).toEqual({ requests: 1, erased: 1, objectVersionsDeleted: 5, failed: [] });
    expect(await s3.listVersions("data", "personal/alice/")).toEqual([]);
    expect(await s3.listVersions("exports-bucket", "exports/alice/")).toEqual([]);
    expect(await s3.listKeys("data", "personal/")).toEqual(["personal/alice-b/profile.json", "personal/bob/profile.json"]);
    expect(await s3.listKeys("exports-bucket", "")).toEqual(["exports/bob/2024.zip"]);
    expect(await s3.listKeys("data", "catalog/")).toEqual(["catalog/products.json"]);
  });

  it("moves the request to erasure-completed with the request and what was deleted", async () => {
    const s3 = world();
    await runErasure(s3, SETTINGS, NOW);
    expect(await s3.listKeys("data", "erasure-requests/")).toEqual([]);
    expect(JSON.parse(await s3.getText("data", "erasure-completed/alice.json"))).toEqual({
      subjectId: "alice",
      request: { requestedAt: "2025-01-01T00:00:00Z" },
      completedAt: "2025-01-02T03:04:05.000Z",
      objectVersionsDeleted: 5,
    });
  });

  it("refuses a request whose subject id would widen the prefix, deleting nothing", async () => {
    const s3 = world();
    s3.put("data", "erasure-requests/.json", "{}");
    s3.put("data", "erasure-requests/../x.json", "{}");
    const before = await s3.listVersions("data", "personal/bob/");
    const summary = await runErasure(s3, { ...SETTINGS }, NOW);
    expect(summary.failed.map((f) => f.request).sort()).toEqual(["erasure-requests/../x.json", "erasure-requests/.json"]);
    expect(summary.erased).toBe(1);
    expect(await s3.listVersions("data", "personal/bob/")).toEqual(before);
    expect((await s3.listKeys("data", "erasure-requests/")).sort()).toEqual(["erasure-requests/../x.json", "erasure-requests/.json"]);
  });

  it("keeps the request and reports a failure when versions survive deletion", async () => {
    const s3 = world();
    s3.refuseDeletesUnder = "exports/alice/";
    const summary = await runErasure(s3, SETTINGS, NOW);
    expect(summary.erased).toBe(0);
    expect(summary.failed).toEqual([{ request: "erasure-requests/alice.json", reason: expect.stringMatching(/1 version\(s\) still under s3:\/\/exports-bucket\/exports\/alice\//) }]);
    expect(await s3.listKeys("data", "erasure-requests/")).toEqual(["erasure-requests/alice.json"]);
    expect(await s3.listKeys("data", "erasure-completed/")).toEqual([]);
  });

  it("leaves exactly the subjects nobody asked to erase", async () => {
    const subject = fc.constantFrom("a", "b", "c", "a-1", "ab");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(subject, fc.constantFrom("x.json", "y/z.bin")), { maxLength: 12 }), fc.uniqueArray(subject), async (objects, requested) => {
        const s3 = new VersionedBuckets();
        for (const [id, name] of objects) s3.put("data", `personal/${id}/${name}`, "d");
        for (const id of requested) s3.put("data", `erasure-requests/${id}.json`, "{}");
        await runErasure(s3, SETTINGS, NOW);
        const left = new Set((await s3.listVersions("data", "personal/")).map((v) => v.key.split("/")[1]));
        const expected = new Set(objects.map(([id]) => id).filter((id) => !requested.includes(id)));
        expect(left).toEqual(expected);
      }),
    );
  });

  it("accepts plain identifiers only as subject ids", () => {
    expect(subjectIdOf("erasure-requests/user_42.json", "erasure-requests/")).toBe("user_42");
    for (const key of ["erasure-requests/a/b.json", "erasure-requests/.json", "erasure-requests/a.txt", "other/a.json", "erasure-requests/a..b.json"]) {
      expect(subjectIdOf(key, "erasure-requests/")).toBeUndefined();
    }
  });

  it("names every missing environment variable the stack should have set", () => {
    expect(() => settingsFromEnvironment({ DATA_BUCKET: "d", EXPORT_BUCKET: "e", EXPORT_PREFIX: "exports/" })).toThrow(
      /PERSONAL_DATA_PREFIX, ERASURE_REQUEST_PREFIX, ERASURE_COMPLETED_PREFIX not set/,
    );
  });
});
