/**
 * Client of the model-fitting Web Worker (docs/workers/model.worker.ts, bundled with the library by
 * docs/data/model-worker.js.ts): one worker per page, requests answered in order, progress reported
 * through `onProgress`, results cached per dataset + settings key in the page.
 *
 *   const client = modelWorker();
 *   await client.load(key, customers);           // per-customer columns (see customerColumns in modelData.js)
 *   const {fits, spend, notices} = await client.request("fit", {key, models: ["bgnbd"]}, {onProgress});
 *
 * A request may carry `timeoutMs` (milliseconds, counted from when the worker starts on it, not from
 * when it was queued): if the worker is still busy with it then, the worker is stopped (a computation
 * in a worker cannot be interrupted otherwise), the request fails with an error saying so, and a fresh
 * worker takes over the requests queued behind it, with the loaded data posted again (fits are redone
 * on demand).
 */
import {FileAttachment} from "observablehq:stdlib";

let singleton;

/** The page's model worker (created on first use). */
export function modelWorker() {
  return (singleton ??= createClient());
}

/** How many loaded datasets the worker keeps (as in model.worker.ts). */
const KEPT_DATASETS = 4;

function createClient() {
  let worker;
  let nextId = 1;
  /** In-flight requests in the order posted (the worker answers them in that order). */
  const pending = new Map();
  /** Data posted per key, kept to post again to a fresh worker. */
  const loads = new Map();
  const cache = new Map();
  let timer;
  let timedId;

  function start(url) {
    worker = new Worker(url, {type: "module"});
    worker.onmessage = ({data}) => {
      const call = pending.get(data.id);
      if (!call) return;
      if (data.type === "progress") return call.onProgress?.(data);
      pending.delete(data.id);
      if (data.type === "error") call.reject(new Error(data.message));
      else call.resolve(data.result);
      watchHead();
    };
    worker.onerror = (event) => {
      for (const call of pending.values()) call.reject(new Error(`the model worker failed: ${event.message ?? "unknown error"}`));
      pending.clear();
      watchHead();
    };
  }
  const ready = (async () => {
    const url = await FileAttachment("../data/model-worker.js").url();
    start(url);
    return url;
  })();

  /** Start the time limit of the request the worker is now working on (the oldest pending one). */
  function watchHead() {
    const head = pending.keys().next().value;
    if (head === timedId) return;
    clearTimeout(timer);
    timedId = head;
    const call = pending.get(head);
    if (call?.timeoutMs) timer = setTimeout(() => stopAndRestart(head), call.timeoutMs);
  }

  /** The worker is stuck on request `id`: fail it, and hand the queued requests to a fresh worker. */
  async function stopAndRestart(id) {
    const call = pending.get(id);
    if (!call) return;
    worker.terminate();
    pending.delete(id);
    const error = new Error(`${call.label ?? `the ${call.type} request`} took longer than ${Math.round(call.timeoutMs / 1000)} s and was stopped`);
    error.timedOut = true;
    call.reject(error);
    start(await ready);
    for (const [key, customers] of loads) worker.postMessage({id: 0, type: "load", payload: {key, customers}});
    for (const [queuedId, queued] of pending) worker.postMessage({id: queuedId, type: queued.type, payload: queued.payload});
    timedId = undefined;
    watchHead();
  }

  /**
   * Post one request; resolves with the worker's result. `timeoutMs`: time limit in milliseconds once
   * the worker starts on it (none by default); `label`: what the request does, for the timeout message.
   */
  async function request(type, payload, {onProgress, timeoutMs, label} = {}) {
    await ready;
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, {type, payload, resolve, reject, onProgress, timeoutMs, label});
      worker.postMessage({id, type, payload});
      watchHead();
    });
  }

  return {
    request,
    /** Send the per-customer columns under `key` (once per key). */
    async load(key, customers) {
      if (loads.has(key)) return;
      await request("load", {key, customers});
      loads.set(key, customers);
      if (loads.size > KEPT_DATASETS) loads.delete(loads.keys().next().value);
    },
    /**
     * `request` with the result cached in the page under `cacheKey` (a string of the dataset + settings).
     * A failed request is forgotten (asked again next time), except one stopped at its time limit.
     */
    cached(cacheKey, type, payload, options) {
      if (!cache.has(cacheKey)) {
        const promise = request(type, payload, options);
        cache.set(cacheKey, promise);
        promise.catch((error) => error.timedOut || cache.delete(cacheKey));
      }
      return cache.get(cacheKey);
    }
  };
}
