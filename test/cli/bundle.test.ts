/**
 * The CLI bundle (scripts/build-cli.mjs → build/cli/cvw.mjs) behaves as the TypeScript sources run
 * through tsx: same output, same exit codes. `CVW_CLI_SOURCES=1` forces the sources.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";

const TRACE = /^cvw: running (.*)\n/;

/** Run the CLI; `ran` is what bin/cvw.mjs says it ran (CVW_CLI_TRACE), `stderr` the rest. */
function cvw(args: string[], sources: boolean) {
  const run = spawnSync("node", ["bin/cvw.mjs", ...args], { encoding: "utf8", env: { ...process.env, CVW_CLI_SOURCES: sources ? "1" : "0", CVW_CLI_TRACE: "1" } });
  return { ran: TRACE.exec(run.stderr)?.[1], output: { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(TRACE, "") } };
}

describe("the bundled CLI", () => {
  beforeAll(() => {
    execFileSync("node", ["scripts/build-cli.mjs"], { stdio: "ignore" });
  }, 60_000);

  it("is written and newer than the sources", () => {
    expect(statSync("build/cli/cvw.mjs").size).toBeGreaterThan(10_000);
  });

  it("gives the sources' output and exit code", () => {
    const cases = [["--help"], ["summary", "data/cdnow/cdnow_sample.csv", "--json"], ["nope"], ["fit", "--help"]];
    for (const args of cases) {
      const bundled = cvw(args, false);
      const sources = cvw(args, true);
      expect(bundled.ran).toBe("build/cli/cvw.mjs");
      expect(sources.ran).toBe("src/ through tsx");
      expect(bundled.output, args.join(" ")).toEqual(sources.output);
    }
    expect(JSON.parse(cvw(["summary", "data/cdnow/cdnow_sample.csv", "--json"], false).output.stdout)).toMatchObject({ rows: 6919, customers: 2357 });
  }, 60_000);
});
