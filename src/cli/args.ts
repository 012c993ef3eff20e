/**
 * Minimal, strict argument parser for `cvw` subcommands: `--name value`, `--name=value`, boolean
 * `--flag`, and positional arguments. Unknown options are an error naming the option.
 */
import { UsageError } from "./command.js";

export interface OptionSpec {
  /** Takes a value (`--out file.csv`) or is a boolean flag (`--json`). */
  type: "string" | "boolean";
  /** May be given more than once (values collected in order). */
  multiple?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
}

/** Parse `args` against `spec` (keys are option names without the leading `--`). */
export function parseArgs(args: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const positionals: string[] = [];
  const options: ParsedArgs["options"] = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const option = spec[name];
    if (!option) throw new UsageError(`unknown option: --${name}`);
    let value: string | boolean;
    if (option.type === "boolean") {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      value = true;
    } else if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      if (i + 1 >= args.length) throw new UsageError(`option --${name} needs a value`);
      value = args[++i];
    }
    if (option.multiple) {
      const list = (options[name] as string[] | undefined) ?? [];
      list.push(String(value));
      options[name] = list;
    } else {
      options[name] = value;
    }
  }
  return { positionals, options };
}

/** Read a string option, or `undefined`. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.options[name];
  return typeof value === "string" ? value : undefined;
}

/** Read a finite number option, or `fallback`; a non-number is a usage error naming the value. */
export function numberOption(parsed: ParsedArgs, name: string, fallback?: number): number | undefined {
  const raw = stringOption(parsed, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`invalid --${name}: ${JSON.stringify(raw)} is not a number`);
  return value;
}

/** The one positional argument (the input file); a missing or extra one is a usage error. */
export function onePositional(parsed: ParsedArgs, name = "<file>"): string {
  const [value] = parsed.positionals;
  if (!value) throw new UsageError(`missing ${name}`);
  if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[1])}`);
  return value;
}
