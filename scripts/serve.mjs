#!/usr/bin/env node
/**
 * A small static file server for the built site (`dist/`), with HTTP range requests (DuckDB-WASM reads
 * files by range) and the right MIME types for .wasm and workers. Listens on 127.0.0.1 only.
 *
 *   node scripts/serve.mjs [dir=dist] [--port 3000]
 *
 * Also exported as `startServer(dir, port)` for the browser tests.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".parquet": "application/vnd.apache.parquet",
  ".arrow": "application/vnd.apache.arrow.file",
};

async function resolveFile(root, urlPath) {
  const decoded = decodeURIComponent(urlPath.split("?")[0]);
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  for (const candidate of [path, `${path}.html`, join(path, "index.html")]) {
    try {
      const info = await stat(candidate);
      if (info.isFile()) return { path: candidate, size: info.size };
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** Start serving `dir` on 127.0.0.1:`port` (0 = any free port); resolves to `{server, url}`. */
export function startServer(dir = "dist", port = 3000) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const file = await resolveFile(root, request.url ?? "/");
    if (!file) {
      const notFound = await resolveFile(root, "/404");
      response.writeHead(404, { "content-type": TYPES[".html"] });
      if (notFound) createReadStream(notFound.path).pipe(response);
      else response.end("not found");
      return;
    }
    const headers = {
      "content-type": TYPES[extname(file.path)] ?? "application/octet-stream",
      "accept-ranges": "bytes",
      "cache-control": "no-cache",
    };
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
    if (range && (range[1] !== "" || range[2] !== "")) {
      let start = range[1] === "" ? file.size - Number(range[2]) : Number(range[1]);
      let end = range[1] !== "" && range[2] !== "" ? Number(range[2]) : file.size - 1;
      start = Math.max(0, start);
      end = Math.min(end, file.size - 1);
      if (start > end || start >= file.size) {
        response.writeHead(416, { "content-range": `bytes */${file.size}` });
        response.end();
        return;
      }
      response.writeHead(206, { ...headers, "content-range": `bytes ${start}-${end}/${file.size}`, "content-length": end - start + 1 });
      if (request.method === "HEAD") response.end();
      else createReadStream(file.path, { start, end }).pipe(response);
      return;
    }
    response.writeHead(200, { ...headers, "content-length": file.size });
    if (request.method === "HEAD") response.end();
    else createReadStream(file.path).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${address.port}` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portIndex = args.indexOf("--port");
  const port = portIndex >= 0 ? Number(args[portIndex + 1]) : Number(process.env.PORT ?? 3000);
  const dir = args.find((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--port") ?? "dist";
  const { url } = await startServer(dir, port);
  console.log(`Customer Value Workbench is served at ${url}/ (Ctrl-C to stop)`);
}
