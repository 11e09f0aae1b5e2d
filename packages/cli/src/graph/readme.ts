import { UserError } from "../errors";

export const GRAPH_START = "<!-- graph:start -->";
export const GRAPH_END = "<!-- graph:end -->";
export const REGENERATE_COMMAND = "npx platform graph --write-readme";

/** The text between the README's graph markers, or a UserError saying how to add them. */
export function readmeGraphBlock(readme: string, file: string): string {
  const start = readme.indexOf(GRAPH_START);
  const end = readme.indexOf(GRAPH_END);
  if (start < 0 || end < start) {
    throw new UserError(
      `${file} has no "${GRAPH_START}" ... "${GRAPH_END}" block (in that order). ` +
        `Add both marker lines where the stack graph belongs, then run: ${REGENERATE_COMMAND}`,
    );
  }
  return readme.slice(start + GRAPH_START.length, end).replace(/^\n/, "");
}

/** The README with the block between the graph markers replaced by `block`. */
export function withReadmeGraph(readme: string, file: string, block: string): string {
  readmeGraphBlock(readme, file);
  const start = readme.indexOf(GRAPH_START) + GRAPH_START.length;
  const end = readme.indexOf(GRAPH_END);
  return `${readme.slice(0, start)}\n${block}${readme.slice(end)}`;
}
