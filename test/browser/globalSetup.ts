/**
 * Browser-test setup: build the site (unless CVW_SKIP_BUILD=1 and it exists) into `$CVW_DIST` (default
 * dist/) and serve it on a free
 * 127.0.0.1 port with range support. Tests read the address with `inject("baseUrl")`.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain JS module without types
import { startServer } from "../../scripts/serve.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: Server | undefined;

export default async function setup(project: TestProject) {
  const dist = process.env.CVW_DIST ?? "dist";
  if (!(process.env.CVW_SKIP_BUILD === "1" && existsSync(`${dist}/index.html`))) {
    execFileSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" } });
  }
  const started = (await startServer(dist, 0)) as { server: Server; url: string };
  server = started.server;
  project.provide("baseUrl", started.url);
  return async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  };
}
