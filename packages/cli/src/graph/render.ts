import { STACKS, stackOrder, type StackName } from "@platform/wiring";
import { graphEdges } from "./edges";

/** Plain-text graph: each stack in run order with what it reads from whom. */
export function renderGraphText(): string {
  const order = stackOrder();
  const width = Math.max(...order.map((s) => s.length));
  const folderWidth = Math.max(...order.map((s) => folderLabel(s).length));
  const lines: string[] = [];
  for (const stack of order) {
    lines.push(`${stack.padEnd(width)}  ${folderLabel(stack).padEnd(folderWidth)}  ${STACKS[stack].description}`);
    for (const edge of graphEdges().filter((e) => e.to === stack)) {
      lines.push(`${" ".repeat(width)}    reads ${edge.from}: ${edge.keys.join(", ")}`);
    }
  }
  return `Stacks in run order (destroy runs in reverse):\n${lines.join("\n")}\n`;
}

/** Mermaid flowchart, upstream on the left; each edge is labelled with the contract keys read. */
export function renderGraphMermaid(): string {
  const lines = ["```mermaid", "flowchart LR"];
  for (const stack of stackOrder()) {
    lines.push(`  ${stack}["${stack}<br/><small>${folderLabel(stack)}</small>"]`);
  }
  for (const edge of graphEdges()) {
    lines.push(`  ${edge.from} -->|"${edge.keys.join("<br/>")}"| ${edge.to}`);
  }
  lines.push("```");
  return `${lines.join("\n")}\n`;
}

/** Where a stack's project lives; the root project (bootstrap) is named by its code folder. */
function folderLabel(stack: StackName): string {
  const { dir } = STACKS[stack];
  return dir === "." ? "root Pulumi.yaml, bootstrap/" : dir;
}

/** The graph as data, for scripts: stacks in run order with their folders, and every edge with its keys. */
export function renderGraphJson(): string {
  const stacks = stackOrder().map((name) => ({ name, dir: STACKS[name].dir, project: STACKS[name].project, description: STACKS[name].description }));
  return `${JSON.stringify({ order: stackOrder(), stacks, edges: graphEdges() }, null, 2)}\n`;
}

/** Graphviz DOT (`platform graph --format dot | dot -Tsvg`), edges labelled with the keys read. */
export function renderGraphDot(): string {
  // DOT strings: backslash and quote escaped; "\n" is DOT's centred line break.
  const quote = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  const lines = ["digraph platform {", "  rankdir=LR;", "  node [shape=box];"];
  for (const stack of stackOrder()) lines.push(`  ${quote(stack)} [label=${quote(`${stack}\n${folderLabel(stack)}`)}];`);
  for (const edge of graphEdges()) lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [label=${quote(edge.keys.join("\n"))}];`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
