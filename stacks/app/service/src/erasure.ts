/**
 * GDPR erasure, run nightly by the app stack's scheduled Fargate task (`node dist/erasure.js`).
 *
 * The application records a request as the object `<ERASURE_REQUEST_PREFIX><subjectId>.json` in
 * the data bucket. For each request this program deletes every version (and delete marker) under
 * `<PERSONAL_DATA_PREFIX><subjectId>/` in the data bucket and `<EXPORT_PREFIX><subjectId>/` in the
 * export bucket, checks nothing is left, writes `<ERASURE_COMPLETED_PREFIX><subjectId>.json`
 * and removes the request. It logs one JSON summary and exits non-zero if any request failed,
 * so the failure shows in the task's exit code; a failed request stays and is retried next run.
 * Database rows are the application's own business and are not touched here.
 */
import { s3ErasureStore } from "./s3-store";

/** One stored version of an object, or a delete marker. */
export interface ObjectVersion {
  readonly key: string;
  readonly versionId: string;
}

/** The few S3 operations erasure needs (implemented over @aws-sdk/client-s3 in s3-store.ts). */
export interface ErasureStore {
  /** Keys of current (not deleted) objects under a prefix. */
  listKeys(bucket: string, prefix: string): Promise<string[]>;
  /** Every version and delete marker under a prefix. */
  listVersions(bucket: string, prefix: string): Promise<ObjectVersion[]>;
  getText(bucket: string, key: string): Promise<string>;
  putText(bucket: string, key: string, body: string): Promise<void>;
  /** Permanently deletes exactly these versions. */
  deleteVersions(bucket: string, versions: readonly ObjectVersion[]): Promise<void>;
  /** Deletes the current object (a versioned bucket keeps a noncurrent version until lifecycle purges it). */
  deleteObject(bucket: string, key: string): Promise<void>;
}

export interface ErasureSettings {
  readonly dataBucket: string;
  readonly personalDataPrefix: string;
  readonly exportBucket: string;
  readonly exportPrefix: string;
  readonly requestPrefix: string;
  readonly completedPrefix: string;
}

export interface ErasureSummary {
  readonly requests: number;
  readonly erased: number;
  readonly objectVersionsDeleted: number;
  /** Request keys that failed, with the reason; they are retried on the next run. */
  readonly failed: readonly { readonly request: string; readonly reason: string }[];
}

/**
 * Subject ids become key prefixes, so only a plain identifier is accepted: an empty id or one
 * with "/" would widen `personal/<id>/` to other subjects' data.
 */
const SUBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function subjectIdOf(requestKey: string, requestPrefix: string): string | undefined {
  if (!requestKey.startsWith(requestPrefix) || !requestKey.endsWith(".json")) return undefined;
  const id = requestKey.slice(requestPrefix.length, -".json".length);
  return SUBJECT_ID.test(id) && !id.includes("..") ? id : undefined;
}

async function eraseUnder(store: ErasureStore, bucket: string, prefix: string): Promise<number> {
  const versions = await store.listVersions(bucket, prefix);
  if (versions.length > 0) await store.deleteVersions(bucket, versions);
  const left = await store.listVersions(bucket, prefix);
  if (left.length > 0) throw new Error(`${left.length} version(s) still under s3://${bucket}/${prefix} after deletion`);
  return versions.length;
}

/** Processes every pending request; never throws for one request's failure. */
export async function runErasure(store: ErasureStore, s: ErasureSettings, now: () => Date = () => new Date()): Promise<ErasureSummary> {
  const requests = (await store.listKeys(s.dataBucket, s.requestPrefix)).sort();
  const failed: { request: string; reason: string }[] = [];
  let erased = 0;
  let objectVersionsDeleted = 0;
  for (const request of requests) {
    const subjectId = subjectIdOf(request, s.requestPrefix);
    if (subjectId === undefined) {
      failed.push({ request, reason: `not <prefix><subjectId>.json with a subject id matching ${SUBJECT_ID.source}` });
      continue;
    }
    try {
      const requestBody = await store.getText(s.dataBucket, request);
      const deleted =
        (await eraseUnder(store, s.dataBucket, `${s.personalDataPrefix}${subjectId}/`)) +
        (await eraseUnder(store, s.exportBucket, `${s.exportPrefix}${subjectId}/`));
      const record = { subjectId, request: parseJson(requestBody), completedAt: now().toISOString(), objectVersionsDeleted: deleted };
      await store.putText(s.dataBucket, `${s.completedPrefix}${subjectId}.json`, JSON.stringify(record));
      await store.deleteObject(s.dataBucket, request);
      erased += 1;
      objectVersionsDeleted += deleted;
    } catch (error) {
      failed.push({ request, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { requests: requests.length, erased, objectVersionsDeleted, failed };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The settings the app stack's erasure task definition sets; names every missing one. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): ErasureSettings {
  const names = {
    dataBucket: "DATA_BUCKET",
    personalDataPrefix: "PERSONAL_DATA_PREFIX",
    exportBucket: "EXPORT_BUCKET",
    exportPrefix: "EXPORT_PREFIX",
    requestPrefix: "ERASURE_REQUEST_PREFIX",
    completedPrefix: "ERASURE_COMPLETED_PREFIX",
  } as const;
  const missing = Object.values(names).filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`erasure: environment variable(s) ${missing.join(", ")} not set; the app stack's erasure task definition sets them`);
  const read = (name: string): string => env[name] as string;
  return {
    dataBucket: read(names.dataBucket),
    personalDataPrefix: read(names.personalDataPrefix),
    exportBucket: read(names.exportBucket),
    exportPrefix: read(names.exportPrefix),
    requestPrefix: read(names.requestPrefix),
    completedPrefix: read(names.completedPrefix),
  };
}

if (require.main === module) {
  (async () => {
    const summary = await runErasure(s3ErasureStore(), settingsFromEnvironment(process.env));
    console.log(JSON.stringify({ message: "erasure finished", ...summary }));
    process.exitCode = summary.failed.length > 0 ? 1 : 0;
  })().catch((error: unknown) => {
    console.error(JSON.stringify({ message: "erasure failed", error: error instanceof Error ? error.message : String(error) }));
    process.exitCode = 1;
  });
}
