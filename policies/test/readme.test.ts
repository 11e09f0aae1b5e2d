import * as fs from "node:fs";
import { README, withTable } from "../scripts/readme-table";

it("the README's policy table matches the pack's metadata (run `npm run readme -w policies` to refresh it)", () => {
  const readme = fs.readFileSync(README, "utf8");
  expect(withTable(readme)).toBe(readme);
});

it("refuses a README without the generated section, saying which lines to add", () => {
  expect(() => withTable("# README\n")).toThrow(/no generated policy table section; add the lines/);
});
