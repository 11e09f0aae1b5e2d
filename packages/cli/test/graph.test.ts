import * as fs from "node:fs";
import * as path from "node:path";
import { STACKS, STACK_NAMES, upstreamsOf } from "@platform/wiring";
import { UserError } from "../src/errors";
import { GRAPH_END, GRAPH_START, readmeGraphBlock, REGENERATE_COMMAND, withReadmeGraph } from "../src/graph/readme";
import { renderGraphMermaid, renderGraphText } from "../src/graph/render";

const README = path.resolve(__dirname, "../../../README.md");

test("the Mermaid graph has one node per stack and one edge per declared read, labelled with its keys", () => {
  const mermaid = renderGraphMermaid();
  for (const stack of STACK_NAMES) {
    expect(mermaid).toContain(`  ${stack}["${stack}`);
    for (const upstream of upstreamsOf(stack)) {
      const keys = (STACKS[stack].reads as Record<string, readonly string[]>)[upstream];
      expect(mermaid).toContain(`  ${upstream} -->|"${keys.join("<br/>")}"| ${stack}`);
    }
  }
  expect(mermaid.match(/-->/g)).toHaveLength(STACK_NAMES.reduce((n, s) => n + upstreamsOf(s).length, 0));
});

test("the text graph lists stacks in run order with what each reads", () => {
  const text = renderGraphText();
  const positions = STACK_NAMES.map((s) => text.indexOf(`\n${s} `));
  expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
  expect(text).toContain("reads security: logsKeyArn");
});

test("rewriting the README block replaces only what is between the markers", () => {
  const readme = `# T\n\n${GRAPH_START}\nold\n${GRAPH_END}\n\nafter\n`;
  const updated = withReadmeGraph(readme, "README.md", "new\n");
  expect(updated).toBe(`# T\n\n${GRAPH_START}\nnew\n${GRAPH_END}\n\nafter\n`);
  expect(readmeGraphBlock(updated, "README.md")).toBe("new\n");
});

test("a README without the markers is a user error that says how to regenerate", () => {
  expect(() => readmeGraphBlock("# nothing", "README.md")).toThrow(UserError);
  expect(() => readmeGraphBlock("# nothing", "README.md")).toThrow(REGENERATE_COMMAND);
});

test("the README's stack graph is the one generated from packages/wiring (regenerate: npx platform graph --write-readme)", () => {
  if (!fs.existsSync(README)) throw new Error(`${README} does not exist; add it with the graph markers, then run ${REGENERATE_COMMAND}`);
  expect(readmeGraphBlock(fs.readFileSync(README, "utf8"), README)).toBe(renderGraphMermaid());
});
