/**
 * A mistake the user can fix: an unknown stack or environment, a git ref that does not exist,
 * a file that is not an event log. The top-level handler prints only its message (which names
 * the thing and the fix) and exits non-zero; anything else is a bug and keeps its stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** Exit code for user mistakes; distinct from 1, which `preview`/`up` use for a failed stack. */
export const USER_ERROR_EXIT_CODE = 2;

/** Exit code of `platform drift` when a stack drifted; distinct from 1 (a refresh failed) and 2 (a usage error). */
export const DRIFT_EXIT_CODE = 3;

export interface ErrorSink {
  writeErr(text: string): void;
  setExitCode(code: number): void;
}

/** The one place errors become output: a UserError is one clean message, anything else a bug report. */
export function reportFatal(error: unknown, sink: ErrorSink): void {
  // The analyzer package cannot import UserError (it sits below the CLI); its config error is one too.
  if (error instanceof UserError || (error instanceof Error && error.name === "PolicyConfigError")) {
    sink.writeErr(`platform: ${error.message}\n`);
    sink.setExitCode(USER_ERROR_EXIT_CODE);
    return;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  sink.writeErr(`platform: internal error (please report it):\n${detail}\n`);
  sink.setExitCode(1);
}
