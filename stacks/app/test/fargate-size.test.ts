import { describeFargateMemory, fargateMemoryOptions, isFargateSize } from "../src/fargate-size";

describe("Fargate CPU/memory combinations", () => {
  it.each([
    [256, 512],
    [256, 2048],
    [512, 4096],
    [1024, 8192],
    [4096, 30720],
    [8192, 61440],
    [16384, 122880],
  ])("accepts cpu %i with memory %i", (cpu, memory) => {
    expect(isFargateSize(cpu, memory)).toBe(true);
  });

  it.each([
    [256, 4096],
    [512, 512],
    [1024, 1024],
    [8192, 18432],
    [300, 1024],
  ])("rejects cpu %i with memory %i", (cpu, memory) => {
    expect(isFargateSize(cpu, memory)).toBe(false);
  });

  it("steps 8 vCPU memory by 4 GiB and 16 vCPU memory by 8 GiB", () => {
    expect(fargateMemoryOptions(8192)).toHaveLength(12);
    expect(fargateMemoryOptions(16384)).toHaveLength(12);
  });

  it("describes the valid memory sizes for a cpu, or the valid cpus", () => {
    expect(describeFargateMemory(256)).toBe("with cpu 256, memory must be one of 512, 1024, 2048");
    expect(describeFargateMemory(2048)).toBe("with cpu 2048, memory must be 4096..16384 in steps of 1024");
    expect(describeFargateMemory(3)).toMatch(/cpu must be one of 256, 512/);
  });
});
