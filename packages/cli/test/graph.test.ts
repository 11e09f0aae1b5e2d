import * as fs from "node:fs";
import * as path from "node:path";
import { STACKS, STACK_NAMES, stackOrder, upstreamsOf } from "@platform/wiring";
import { UserError } from "../src/errors";
import { GRAPH_END, GRAPH_START, readmeGraphBlock, REGENERATE_COMMAND, withReadmeGraph } from "../src/graph/readme";
import { renderGraphDot, renderGraphJson, renderGraphMermaid, renderGraphText } from "../src/graph/render";

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

test("the JSON graph is the declared graph: run order, every stack's folder, every edge with its keys", () => {
  const graph = JSON.parse(renderGraphJson()) as { order: string[]; stacks: { name: string; dir: string }[]; edges: { from: string; to: string; keys: string[] }[] };
  expect(graph.order).toEqual(stackOrder());
  expect(graph.stacks.map((s) => [s.name, s.dir])).toEqual(stackOrder().map((s) => [s, STACKS[s].dir]));
  const declared = STACK_NAMES.flatMap((to) => upstreamsOf(to).map((from) => `${from}->${to}:${(STACKS[to].reads as Record<string, readonly string[]>)[from].join(",")}`));
  expect(graph.edges.map((e) => `${e.from}->${e.to}:${e.keys.join(",")}`).sort()).toEqual(declared.sort());
});

test("the DOT graph has a node per stack and a labelled edge per read, and parses as a digraph", () => {
  const dot = renderGraphDot();
  expect(dot).toMatch(/^digraph platform \{\n[\s\S]*\n\}\n$/);
  for (const stack of STACK_NAMES) expect(dot).toContain(`  "${stack}" [label="${stack}\\n`);
  expect(dot).toContain('  "security" -> "network" [label="logsKeyArn"];');
  expect(dot.match(/->/g)).toHaveLength(STACK_NAMES.reduce((n, s) => n + upstreamsOf(s).length, 0));
});
