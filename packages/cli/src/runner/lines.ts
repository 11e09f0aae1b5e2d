/**
 * Turns output chunks (the Automation API hands over stdout as the CLI writes it, not line by
 * line) into whole lines; `flush` emits a last line without a newline.
 */
export function lineSplitter(onLine: (line: string) => void): { write(chunk: string): void; flush(): void } {
  let pending = "";
  return {
    write(chunk) {
      const parts = (pending + chunk).split(/\r?\n/);
      pending = parts.pop() ?? "";
      parts.forEach((line) => onLine(line));
    },
    flush() {
      if (pending !== "") onLine(pending);
      pending = "";
    },
  };
}
