/**
 * The contract every `cvw` subcommand module (`src/cli/commands/<name>.ts`) fulfils.
 * A command module exports `command: CliCommand`. `main.ts` lists the known names.
 */
export interface CliCommand {
  /** One line shown by `cvw --help`. */
  summary: string;
  /** Full usage text shown by `cvw <name> --help`. */
  usage: string;
  /** Run with the arguments after the command name; resolve to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Output streams, injectable so tests can capture what a command prints. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Error for bad command-line usage: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Error for bad input data (names the file, row, column and value): printed plainly, exit code 1. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
