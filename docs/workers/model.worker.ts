/**
 * The model-fitting Web Worker of the Customers and Models pages (bundled with the library by the data
 * loader docs/data/model-worker.js.ts). The page posts the per-customer summary columns once per
 * dataset and settings (`load`), then asks for fits, one model's diagnostics or per-customer scores; fits are
 * cached per dataset key and model, so changing the CLV horizon does not refit. Every request answers
 * `{id, type: "progress", step, done, total}` messages, then `{id, type: "result", result}` or
 * `{id, type: "error", message}`.
 */
import { fitCustomerModels, MODEL_LABELS, type CustomerModels, type TransactionModelName } from "../../src/clv/fitCustomerModels.js";
import { scoreCustomers, type CustomerScoreOptions } from "../../src/clv/customerScores.js";
import { modelDiagnostics, type DiagnosticsOptions } from "../../src/clv/modelDiagnostics.js";
import { birthTimes } from "../../src/clv/tracking.js";
import type { TransactionModelFit } from "../../src/clv/adapters.js";
import type { GammaGammaParams } from "../../src/models/gammagamma.js";
import type { ModelFit } from "../../src/models/types.js";
import { RFM_SEGMENTS, rfmScores } from "../../src/value/rfm.js";
import type { TimeUnit } from "../../src/types.js";

/** Per-customer columns of one dataset + settings, as posted by the page. */
interface Customers {
  unit: TimeUnit;
  calibrationEndEpochDay: number;
  holdoutLength: number | null;
  customerIds: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
  totalSpend: Float64Array;
  firstEpochDay: Float64Array;
  lastEpochDay: Float64Array;
  xHoldout: Float64Array | null;
}

interface Entry {
  customers: Customers;
  fits: Partial<Record<TransactionModelName, TransactionModelFit>>;
  spend?: ModelFit<GammaGammaParams> | null;
  notices: Map<string, CustomerModels["notices"]>;
}

const datasets = new Map<string, Entry>();
type Progress = (step: string, done: number, total: number) => void;

function entryOf(key: string): Entry {
  const entry = datasets.get(key);
  if (!entry) throw new Error(`no data loaded for ${key}`);
  return entry;
}

/** Fit the models not fitted yet (and the spend model once); return all requested fits. */
function ensureFits(entry: Entry, models: TransactionModelName[], progress: Progress) {
  const missing = models.filter((m) => !entry.fits[m]);
  const wantSpend = entry.spend === undefined;
  if (missing.length > 0 || wantSpend) {
    const fitted = fitCustomerModels(entry.customers, missing, { spend: wantSpend, onProgress: progress });
    Object.assign(entry.fits, fitted.fits);
    if (wantSpend) entry.spend = fitted.spend;
    for (const notice of fitted.notices) {
      const list = entry.notices.get(notice.model) ?? [];
      list.push(notice);
      entry.notices.set(notice.model, list);
    }
  }
  const notices = [...models, "gg"].flatMap((m) => entry.notices.get(m) ?? []);
  return { fits: Object.fromEntries(models.map((m) => [m, entry.fits[m]])), spend: entry.spend ?? null, notices };
}

function handle(type: string, payload: any, progress: Progress): { result: unknown; transfer?: Transferable[] } {
  switch (type) {
    case "load": {
      if (!datasets.has(payload.key)) datasets.set(payload.key, { customers: payload.customers, fits: {}, notices: new Map() });
      if (datasets.size > 4) datasets.delete(datasets.keys().next().value!);
      return { result: { n: payload.customers.customerIds.length } };
    }
    case "fit": {
      return { result: ensureFits(entryOf(payload.key), payload.models, progress) };
    }
    case "diagnostics": {
      // One model per request, so the page can show each model's checks as soon as they are ready (a slow
      // model, e.g. Pareto/NBD at its time budget, does not hold the others back).
      const entry = entryOf(payload.key);
      const model = payload.model as TransactionModelName;
      ensureFits(entry, [model], progress);
      progress(`checking ${MODEL_LABELS[model]} against the data`, 0, 1);
      const c = entry.customers;
      const births = birthTimes(c, payload.originEpochDay, c.unit);
      return { result: { diagnostics: modelDiagnostics(entry.fits[model]!, { ...c, birthTimes: births }, payload.options as DiagnosticsOptions) } };
    }
    case "scores": {
      const entry = entryOf(payload.key);
      const model = payload.model as TransactionModelName;
      const fitted = ensureFits(entry, [model], progress);
      progress("scoring customers", 0, 1);
      const c = entry.customers;
      const scores = scoreCustomers(entry.fits[model]!, entry.spend?.params ?? null, c, payload.options as CustomerScoreOptions);
      const n = c.customerIds.length;
      const rfm = rfmScores({
        daysSinceLastPurchase: Float64Array.from({ length: n }, (_, i) => c.calibrationEndEpochDay - c.lastEpochDay[i]),
        frequency: Float64Array.from({ length: n }, (_, i) => c.x[i] + 1),
        monetary: c.totalSpend,
      });
      const segmentIndex = Uint8Array.from(rfm.segment, (s) => RFM_SEGMENTS.indexOf(s));
      const arrays = [scores.pAlive, scores.expectedPurchases, scores.expectedSpend, scores.clv, rfm.recency, rfm.frequency, rfm.monetary, segmentIndex];
      return {
        result: { ...fitted, scores: { ...scores, rfm: { recency: rfm.recency, frequency: rfm.frequency, monetary: rfm.monetary, segmentIndex, segments: RFM_SEGMENTS } } },
        transfer: arrays.map((a) => a.buffer),
      };
    }
    default:
      throw new Error(`unknown request type: ${type}`);
  }
}

self.onmessage = (event: MessageEvent) => {
  const { id, type, payload } = event.data;
  const post = (message: object, transfer: Transferable[] = []) => (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage({ id, ...message }, transfer);
  try {
    const { result, transfer } = handle(type, payload, (step, done, total) => post({ type: "progress", step, done, total }));
    post({ type: "result", result }, transfer);
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
