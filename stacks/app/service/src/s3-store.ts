import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { ErasureStore, ObjectVersion } from "./erasure";

/** DeleteObjects takes at most 1,000 keys per request. */
const DELETE_BATCH = 1000;

/** ErasureStore over S3; the region and credentials come from the task (AWS_REGION, task role). */
export function s3ErasureStore(client: S3Client = new S3Client({})): ErasureStore {
  return {
    async listKeys(bucket, prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return keys;
    },

    async listVersions(bucket, prefix) {
      const versions: ObjectVersion[] = [];
      let keyMarker: string | undefined;
      let versionIdMarker: string | undefined;
      do {
        const page = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
        for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
          if (v.Key !== undefined && v.VersionId !== undefined) versions.push({ key: v.Key, versionId: v.VersionId });
        }
        [keyMarker, versionIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextVersionIdMarker] : [undefined, undefined];
      } while (keyMarker !== undefined);
      return versions;
    },

    async getText(bucket, key) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return object.Body === undefined ? "" : await object.Body.transformToString();
    },

    async putText(bucket, key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: "application/json" }));
    },

    async deleteVersions(bucket, versions) {
      for (let i = 0; i < versions.length; i += DELETE_BATCH) {
        const batch = versions.slice(i, i + DELETE_BATCH);
        const result = await client.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Quiet: true, Objects: batch.map((v) => ({ Key: v.key, VersionId: v.versionId })) } }),
        );
        // DeleteObjects answers 200 even when single keys fail; those come back in Errors.
        const errors = result.Errors ?? [];
        if (errors.length > 0) throw new Error(`S3 refused to delete ${errors.length} version(s) in ${bucket}, first: ${errors[0].Key} (${errors[0].Code}: ${errors[0].Message})`);
      }
    },

    async deleteObject(bucket, key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
