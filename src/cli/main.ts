/**
 * `cvw`: the Customer Value Workbench command line. Each subcommand lives in
 * `src/cli/commands/<name>.ts` and exports `command: CliCommand`.
 */
import { InputError, UsageError, type CliCommand, type CliIO } from "./command.js";

/** Known subcommands, in the order `--help` lists them. */
export const COMMAND_NAMES = ["summary", "validate", "fit", "clv", "score", "report", "scenario"] as const;

const defaultIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

async function loadCommand(name: string): Promise<CliCommand | undefined> {
  try {
    const module = (await import(`./commands/${name}.ts`)) as { command?: CliCommand };
    return module.command;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && String((error as Error).message).includes(`commands/${name}`)) {
      return undefined;
    }
    throw error;
  }
}

async function helpText(): Promise<string> {
  const lines = ["Usage: cvw <command> [options]", "", "Commands:"];
  for (const name of COMMAND_NAMES) {
    const command = await loadCommand(name);
    if (command) lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  lines.push("", "Run `cvw <command> --help` for a command's options.", "");
  return lines.join("\n");
}

/** Run the CLI with `argv` (without `node` and the script path); resolves to the exit code. */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(await helpText());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    io.stdout("0.1.0\n");
    return 0;
  }
  const command = (COMMAND_NAMES as readonly string[]).includes(name) ? await loadCommand(name) : undefined;
  if (!command) {
    io.stderr(`cvw: unknown command ${JSON.stringify(name)}\n\n${await helpText()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cvw ${name}: ${error.message}\n\n${command.usage.trimEnd()}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`cvw ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
