import { STACK_NAMES, downstreamsOf, stackOrder, upstreamsOf, withDownstreams, withUpstreams } from "../src";

describe("the stack graph", () => {
  it("orders every stack after everything it reads", () => {
    const order = stackOrder();
    expect(order).toHaveLength(STACK_NAMES.length);
    for (const stack of order) for (const up of upstreamsOf(stack)) expect(order.indexOf(up)).toBeLessThan(order.indexOf(stack));
  });

  it("runs security, network, app, edge in that order", () => {
    expect(stackOrder().filter((s) => s !== "bootstrap")).toEqual(["security", "network", "app", "edge"]);
  });

  it("closes a selection over upstreams and downstreams, in graph order", () => {
    expect(withUpstreams(["edge"])).toEqual(["security", "network", "app", "edge"]);
    expect(withDownstreams(["network"])).toEqual(["network", "app", "edge"]);
    expect(withDownstreams(["edge"])).toEqual(["edge"]);
  });

  it("keeps upstream and downstream relations mirror images", () => {
    for (const a of STACK_NAMES) for (const b of STACK_NAMES) expect(upstreamsOf(b).includes(a)).toBe(downstreamsOf(a).includes(b));
  });
});
