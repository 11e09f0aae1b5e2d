import { PolicyConfigError, resolvePackConfig } from "@platform/analyzer";
import { reportFatal, UserError, USER_ERROR_EXIT_CODE } from "../src/errors";

const capture = (error: unknown) => {
  const out = { text: "", code: 0 };
  reportFatal(error, { writeErr: (t) => (out.text += t), setExitCode: (c) => (out.code = c) });
  return out;
};

test("a policy config the user must fix is one clean message and exit 2, not an internal error with a stack trace", () => {
  let thrown: unknown;
  try {
    resolvePackConfig({ name: "p", version: "1", supportsConfig: true, policies: [{ name: "log-group-retention", description: "", enforcementLevel: "mandatory", kind: "resource" }] }, { "log-group-retenton": "advisory" }, "policies/config/dev.json");
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PolicyConfigError);
  const out = capture(thrown);
  expect(out.code).toBe(USER_ERROR_EXIT_CODE);
  expect(out.text).toBe('platform: Invalid policies/config/dev.json:\n  - "log-group-retenton" is not a policy of pack p (did you mean "log-group-retention"?); remove it or fix the name\n');
});

test("a UserError is its message; anything else is a bug report with its stack", () => {
  expect(capture(new UserError("fix this"))).toEqual({ text: "platform: fix this\n", code: USER_ERROR_EXIT_CODE });
  const bug = capture(new TypeError("boom"));
  expect(bug.code).toBe(1);
  expect(bug.text).toMatch(/^platform: internal error \(please report it\):\nTypeError: boom\n\s+at /);
});
