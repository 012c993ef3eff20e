/**
 * Client of the model-fitting Web Worker (docs/workers/model.worker.ts, bundled with the library by
 * docs/data/model-worker.js.ts): one worker per page, requests answered in order, progress reported
 * through `onProgress`, results cached per dataset + settings key in the page.
 *
 *   const client = modelWorker();
 *   await client.load(key, customers);           // per-customer columns (see customerColumns in modelData.js)
 *   const {fits, spend, notices} = await client.request("fit", {key, models: ["bgnbd"]}, {onProgress});
 */
import {FileAttachment} from "observablehq:stdlib";

let singleton;

/** The page's model worker (created on first use). */
export function modelWorker() {
  return (singleton ??= createClient());
}

function createClient() {
  let worker;
  let nextId = 1;
  const pending = new Map();
  const loaded = new Set();
  const cache = new Map();
  const ready = (async () => {
    worker = new Worker(await FileAttachment("../data/model-worker.js").url(), {type: "module"});
    worker.onmessage = ({data}) => {
      const call = pending.get(data.id);
      if (!call) return;
      if (data.type === "progress") return call.onProgress?.(data);
      pending.delete(data.id);
      if (data.type === "error") call.reject(new Error(data.message));
      else call.resolve(data.result);
    };
    worker.onerror = (event) => {
      for (const call of pending.values()) call.reject(new Error(`the model worker failed: ${event.message ?? "unknown error"}`));
      pending.clear();
    };
    return worker;
  })();

  /** Post one request; resolves with the worker's result. */
  async function request(type, payload, {onProgress} = {}) {
    const w = await ready;
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, {resolve, reject, onProgress});
      w.postMessage({id, type, payload});
    });
  }

  return {
    request,
    /** Send the per-customer columns under `key` (once per key). */
    async load(key, customers) {
      if (loaded.has(key)) return;
      await request("load", {key, customers});
      loaded.add(key);
    },
    /** `request` with the result cached in the page under `cacheKey` (a string of the dataset + settings). */
    cached(cacheKey, type, payload, options) {
      if (!cache.has(cacheKey)) {
        const promise = request(type, payload, options);
        cache.set(cacheKey, promise);
        promise.catch(() => cache.delete(cacheKey));
      }
      return cache.get(cacheKey);
    }
  };
}
