import { STACKS, stackOrder, upstreamsOf, type StackName } from "@platform/wiring";

/** One edge of the stack graph: `to` reads `keys` from `from`'s output contract. */
export interface GraphEdge {
  readonly from: StackName;
  readonly to: StackName;
  readonly keys: readonly string[];
}

/** Every edge, in graph order of the reading stack, then of the upstream. */
export function graphEdges(): GraphEdge[] {
  return stackOrder().flatMap((to) => {
    const reads = STACKS[to].reads as Partial<Record<StackName, readonly string[]>>;
    return upstreamsOf(to).map((from) => ({ from, to, keys: reads[from] ?? [] }));
  });
}
