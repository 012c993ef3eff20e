/**
 * Client of the model-fitting Web Worker (docs/workers/model.worker.ts, bundled with the library by
 * docs/data/model-worker.js.ts): one worker per page, requests answered in order, progress reported
 * through `onProgress`, results cached per dataset + settings key in the page.
 *
 *   const client = modelWorker();
 *   client.focus(key);                           // drop the requests of other settings (optional)
 *   await client.load(key, customers);           // per-customer columns (see customerColumns in modelData.js)
 *   const {fits, spend, notices} = await client.request("fit", {key, models: ["bgnbd"]}, {onProgress});
 *
 * The client posts one request at a time and keeps the rest queued, so requests of settings the page no
 * longer shows can be dropped (`focus`). A request may carry `timeoutMs` (milliseconds from when the
 * worker starts on it): if the worker is still busy with it then, the worker is stopped (a computation in
 * a worker cannot be interrupted otherwise), the request fails with an error saying so, and a fresh
 * worker takes over the queue, with the loaded data posted again (fits are redone on demand).
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
  let workerUrl;
  let nextId = 1;
  /** Requests not posted yet, oldest first. */
  const queue = [];
  /** The request the worker is working on. */
  let running = null;
  /** Data posted per key, kept to post again to a fresh worker. */
  const loads = new Map();
  const cache = new Map();

  function start() {
    worker = new Worker(workerUrl, {type: "module"});
    worker.onmessage = ({data}) => {
      const call = running;
      if (!call || data.id !== call.id) return;
      if (data.type === "progress") return call.onProgress?.(data);
      clearTimeout(call.timer);
      running = null;
      if (data.type === "error") call.reject(new Error(data.message));
      else call.resolve(data.result);
      pump();
    };
    worker.onerror = (event) => {
      const error = new Error(`the model worker failed: ${event.message ?? "unknown error"}`);
      for (const call of [running, ...queue.splice(0)]) if (call) call.reject(error);
      clearTimeout(running?.timer);
      running = null;
    };
  }
  const ready = (async () => {
    workerUrl = await FileAttachment("../data/model-worker.js").url();
    start();
  })();

  /** Post the oldest queued request when the worker is free. */
  function pump() {
    if (running || !worker || queue.length === 0) return;
    const call = (running = queue.shift());
    worker.postMessage({id: call.id, type: call.type, payload: call.payload});
    if (call.timeoutMs) {
      call.timer = setTimeout(() => {
        const error = new Error(`${call.label ?? `the ${call.type} request`} took longer than ${Math.round(call.timeoutMs / 1000)} s and was stopped`);
        error.timedOut = true;
        stopRunning(error);
      }, call.timeoutMs);
    }
  }

  /** Fail the running request with `error`, and hand the queue to a fresh worker (loaded data posted again). */
  function stopRunning(error) {
    const call = running;
    if (!call) return;
    worker.terminate();
    clearTimeout(call.timer);
    running = null;
    call.reject(error);
    start();
    for (const [key, customers] of loads) worker.postMessage({id: 0, type: "load", payload: {key, customers}});
    pump();
  }

  /**
   * Post one request; resolves with the worker's result. `timeoutMs`: time limit in milliseconds once
   * the worker starts on it (none by default); `label`: what the request does, for the timeout message.
   */
  async function request(type, payload, {onProgress, timeoutMs, label} = {}) {
    await ready;
    return new Promise((resolve, reject) => {
      queue.push({id: nextId++, type, payload, resolve, reject, onProgress, timeoutMs, label});
      pump();
    });
  }

  return {
    request,
    /**
     * The page now shows the settings of `key`: queued requests for other keys are dropped (and their
     * cached results forgotten), and one running for another key stops the worker.
     */
    focus(key) {
      const abandoned = () => Object.assign(new Error("abandoned: the settings changed"), {abandoned: true});
      for (let k = queue.length - 1; k >= 0; k--) {
        const call = queue[k];
        if (call.type === "load" || call.payload?.key === key) continue;
        queue.splice(k, 1);
        call.reject(abandoned());
      }
      if (running && running.type !== "load" && running.payload?.key !== key) stopRunning(abandoned());
    },
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
