import * as path from "node:path";
import fc from "fast-check";
import { contentTag, readBuildContext, type ContextFile } from "../src/image-tag";
import { parseEcrImage, repositoryArn } from "../src/image-reference";

const file = (p: string, text: string): ContextFile => ({ path: p, content: Buffer.from(text) });
const files = fc.uniqueArray(fc.record({ path: fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8})?\.ts$/), text: fc.string() }), { selector: (f) => f.path, maxLength: 6 });

describe("content tag of the service image", () => {
  it("is the same for the same files in any order, and a valid ECR tag", () => {
    fc.assert(
      fc.property(files, (fs) => {
        const list = fs.map((f) => file(f.path, f.text));
        const tag = contentTag(list, "linux/amd64");
        expect(contentTag([...list].reverse(), "linux/amd64")).toBe(tag);
        expect(tag).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/);
      }),
    );
  });

  it("changes when any file's content changes", () => {
    fc.assert(
      fc.property(files.filter((fs) => fs.length > 0), fc.nat(), fc.string({ minLength: 1 }), (fs, pick, extra) => {
        const list = fs.map((f) => file(f.path, f.text));
        const i = pick % list.length;
        const changed = list.map((f, j) => (j === i ? file(f.path, fs[j].text + extra) : f));
        expect(contentTag(changed, "linux/amd64")).not.toBe(contentTag(list, "linux/amd64"));
      }),
    );
  });

  it("changes when a file is renamed or the target platform changes", () => {
    const list = [file("src/server.ts", "x")];
    expect(contentTag([file("src/other.ts", "x")], "linux/amd64")).not.toBe(contentTag(list, "linux/amd64"));
    expect(contentTag(list, "linux/arm64")).not.toBe(contentTag(list, "linux/amd64"));
  });

  it("reads the reference service's build context without what .dockerignore excludes", () => {
    const paths = readBuildContext(path.resolve(__dirname, "../service")).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["Dockerfile", "package.json", "src/server.ts", "src/erasure.ts"]));
    expect(paths.some((p) => p.startsWith("node_modules/") || p.startsWith("dist/"))).toBe(false);
  });
});

describe("ECR image references", () => {
  it("derives the repository ARN a digest-pinned private ECR image is pulled from", () => {
    const image = parseEcrImage(`111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/api@sha256:${"a".repeat(64)}`);
    expect(image).toEqual({ accountId: "111122223333", region: "eu-west-1", partition: "aws", repository: "team/api" });
    expect(image && repositoryArn(image)).toBe("arn:aws:ecr:eu-west-1:111122223333:repository/team/api");
  });

  it("uses the aws-cn partition for China registries", () => {
    const image = parseEcrImage("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/api:1.2.3");
    expect(image && repositoryArn(image)).toBe("arn:aws-cn:ecr:cn-north-1:111122223333:repository/api");
  });

  it("rejects public registries, which tasks without a NAT gateway cannot reach", () => {
    for (const uri of ["public.ecr.aws/nginx/nginx:latest", "docker.io/library/node:22", "ghcr.io/org/app@sha256:" + "b".repeat(64), "nginx"]) {
      expect(parseEcrImage(uri)).toBeUndefined();
    }
  });
});
