/**
 * The CPU/memory pairs Fargate accepts for a Linux task (AWS ECS developer guide, "Task CPU and
 * memory"). CPU is in CPU units (1024 = 1 vCPU), memory in MiB.
 */
const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, { min: number; max: number; step: number } | readonly number[]>> = {
  256: [512, 1024, 2048],
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

export const FARGATE_CPU_UNITS = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);

/** Every memory size Fargate accepts with `cpu`; empty when `cpu` itself is not a Fargate size. */
export function fargateMemoryOptions(cpu: number): number[] {
  const rule = FARGATE_MEMORY_BY_CPU[cpu];
  if (rule === undefined) return [];
  if (Array.isArray(rule)) return [...rule];
  const { min, max, step } = rule as { min: number; max: number; step: number };
  const sizes: number[] = [];
  for (let m = min; m <= max; m += step) sizes.push(m);
  return sizes;
}

export function isFargateSize(cpu: number, memory: number): boolean {
  return fargateMemoryOptions(cpu).includes(memory);
}

/** A one-line hint listing the valid memory sizes for `cpu`, for config error messages. */
export function describeFargateMemory(cpu: number): string {
  const options = fargateMemoryOptions(cpu);
  if (options.length === 0) return `cpu must be one of ${FARGATE_CPU_UNITS.join(", ")}`;
  return options.length <= 6 ? `with cpu ${cpu}, memory must be one of ${options.join(", ")}` : `with cpu ${cpu}, memory must be ${options[0]}..${options[options.length - 1]} in steps of ${options[1] - options[0]}`;
}
