/**
 * Small option helpers shared by the `cvw` commands: date options and one-of-a-list options.
 */
import { UsageError } from "./command.js";

/**
 * Epoch day of a `YYYY-MM-DD` option value (UTC). A malformed or impossible date is a
 * {@link UsageError}: `invalid --as-of: "2023-02-30" is not a calendar date YYYY-MM-DD`.
 */
export function parseDayOption(text: string, option: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text.trim()) {
    throw new UsageError(`invalid --${option}: ${JSON.stringify(text)} is not a calendar date YYYY-MM-DD`);
  }
  return ms / 86_400_000;
}

/** `value` (or `fallback` when absent) if it is one of `allowed`; else a {@link UsageError} listing them. */
export function choiceOption<T extends string>(value: string | undefined, fallback: T, allowed: readonly T[], option: string): T {
  const v = (value ?? fallback) as T;
  if (!allowed.includes(v)) throw new UsageError(`invalid --${option}: ${JSON.stringify(v)} (${allowed.join(", ")})`);
  return v;
}
