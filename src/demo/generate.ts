/**
 * Seeded generator of the demo company "Northwind Supplies": a B2B supplies distributor with a few
 * thousand customers, a few hundred prospects and three years of order lines. Pure and
 * deterministic: the same options give the same records (and, through `demoCompanyCsv`, the same
 * bytes) on every platform. `scripts/generate-demo.ts` writes `data/demo/*.csv` with the defaults.
 *
 * How customers behave (one customer at a time, in order of acquisition):
 * - **Acquisition** day drawn from a density rising linearly by 50 % over the span (the company
 *   grows); channel web / partner / field sales / referral with the shares and median costs of
 *   `DEMO_ACQUISITION`. Referral customers name a real earlier customer who was active that day
 *   (`referredBy`), chosen with weight ∝ size^0.3, tripled for customers without complaints, so the
 *   referral counts in `customers` are counts of real referred customers.
 * - **Size**: firm size ~ LogNormal(0, 1). Firms above size 7.5 (≈ top 2 %) are key accounts sold
 *   by field sales; one early customer is made 100× median size, buys at the mean rate and order
 *   size for that size, and never lapses: clearly the biggest client.
 * - **Purchasing** is BG/NBD-like: order rate per year ~ Gamma(2, 3) × size^0.4 (×2.5 for key
 *   accounts); gaps between orders exponential; after each order the customer drops out with
 *   probability p ~ Beta(1.1, 17) (key accounts Beta(1, 60)). Mean order value = segment median
 *   wallet ÷ 12 × size^0.6 × LogNormal(0, 0.4), each order × LogNormal(−0.125, 0.5) (so spend per
 *   order is Gamma-Gamma-friendly: log-normal across customers, not tied to 1 / rate). Orders
 *   falling on a weekend move to Monday.
 * - **Wallet** (estimated yearly category spend) = expected yearly spend ÷ share of wallet
 *   (Beta(2, 3), ×1.2 for referral customers) × LogNormal(0, 0.2) estimation noise.
 * - **Complaints**: each order triggers one with probability ~ Beta(1, 40) (+2 points via
 *   partners); every complaint raises the dropout probability p to 2p + 0.08 (complaints raise churn).
 * - **Win-back**: 22 % of the customers who drop out come back once after a lapse of 120 days +
 *   Exp(mean 200 days), with a fresh, lower dropout probability.
 * - **Cross-sell**: customers start with 1-2 categories (by segment preference); after each order
 *   they adopt a new category with probability 6 % (field sales and key accounts 12 %).
 * - **Lines**: an order has 1 + Poisson(0.6) lines over the adopted categories; margin = amount ×
 *   (category margin rate + N(0, 0.04)); 1.5 % of lines are partly returned 5-40 days later
 *   (negative amount and margin, order id `R…`).
 * - **Contract churn**: field-sales, key-account and partner customers who leave (and do not come
 *   back) get an explicit `churnEpochDay` 30-120 days after their last order, when it falls in the span.
 * - **Costs**: acquisition cost ~ channel median × LogNormal(0, 0.35) (×3 for key accounts); cost to
 *   serve per year = channel base + 150 per complaint per year of tenure (+6,000 for key accounts);
 *   retention cost per year by channel (+4,000 for key accounts).
 * Prospects: segment, wallet = segment median × LogNormal(−0.2, 1) × LogNormal(0, 0.3), fit ~
 * Beta around the segment's mean fit, and a lead source.
 */
import type { CustomerRecord, ProspectRecord, Transaction } from "../types.js";
import {
  DEMO_ACQUISITION,
  DEMO_CATEGORIES,
  DEMO_NAME_PREFIXES,
  DEMO_PROSPECT_SOURCES,
  DEMO_SEGMENTS,
  type DemoAcquisitionChannel,
} from "./catalog.js";
import { createRandom, type Random } from "../math/random.js";

/** Options of {@link generateDemoCompany}; every field has a default. */
export interface DemoOptions {
  /** PRNG seed (default 20251231). */
  seed?: number;
  /** Number of customers (default 3,000). */
  customers?: number;
  /** Number of prospects (default 400). */
  prospects?: number;
  /** First day of the data, epoch days (default 19358 = 2023-01-01). */
  startEpochDay?: number;
  /** Length of the data in years; last day = start + round(365.25 × years) − 1 (default 3 → 2025-12-31). */
  years?: number;
}

/** A demo customer: the library's {@link CustomerRecord} plus fields only the demo knows. */
export interface DemoCustomer extends CustomerRecord {
  /** Fictional company name (not unique). */
  name: string;
  acquisitionChannel: DemoAcquisitionChannel;
  /** Id of the customer who referred this one (acquisition channel "referral"), else null. */
  referredBy: string | null;
  /** Yearly spend on keeping this customer (loyalty programme, account management). */
  retentionCostPerYear: number;
}

/** A demo prospect: the library's {@link ProspectRecord} plus a name and a lead source. */
export interface DemoProspect extends ProspectRecord {
  name: string;
  source: string;
}

/** The generated company. */
export interface DemoCompany {
  /** Order lines sorted by day, then customer, then order id. */
  transactions: Transaction[];
  /** Customers sorted by id (C00001 …, in order of acquisition). */
  customers: DemoCustomer[];
  /** Prospects sorted by id (P0001 …). */
  prospects: DemoProspect[];
  /** First and last day of the data, epoch days (inclusive). */
  startEpochDay: number;
  endEpochDay: number;
}

const DEFAULTS = { seed: 20251231, customers: 3000, prospects: 400, startEpochDay: 19358, years: 3 };
const KEY_ACCOUNT_SIZE = 7.5;
const GIANT_SIZE = 100;
const WIN_BACK_PROBABILITY = 0.22;

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`invalid ${name}: ${value}`);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Move Saturday / Sunday to the next Monday (epoch day 0 was a Thursday). */
function weekday(epochDay: number): number {
  const dow = (((epochDay + 4) % 7) + 7) % 7; // 0 = Sunday
  return dow === 6 ? epochDay + 2 : dow === 0 ? epochDay + 1 : epochDay;
}

/** Acquisition offset in [0, 1) from a density ∝ 1 + g·t (inverse CDF of a linear ramp). */
function rampDraw(rng: Random, growth: number): number {
  const u = rng.uniform() * (1 + growth / 2);
  return (-1 + Math.sqrt(1 + 2 * growth * u)) / growth;
}

function pickCategory(rng: Random, preference: readonly number[], owned: ReadonlySet<number>): number | undefined {
  const weights = preference.map((w, i) => (owned.has(i) ? 0 : w));
  return weights.some((w) => w > 0) ? rng.weightedIndex(weights) : undefined;
}

interface Referrer {
  id: string;
  fromEpochDay: number;
  untilEpochDay: number;
  weight: number;
  index: number;
}

/**
 * Generate the demo company. Pure and deterministic in its options.
 * @example const { transactions, customers, prospects } = generateDemoCompany({ seed: 1, customers: 200 });
 */
export function generateDemoCompany(options: DemoOptions = {}): DemoCompany {
  const o = { ...DEFAULTS, ...options };
  checkCount("customers", o.customers, 1);
  checkCount("prospects", o.prospects, 0);
  checkCount("startEpochDay", o.startEpochDay, -1e7);
  if (!(o.years > 0 && o.years <= 50)) throw new Error(`invalid years: ${o.years}`);
  const rng = createRandom(o.seed);
  const start = o.startEpochDay;
  const end = start + Math.round(365.25 * o.years) - 1;
  const span = end - start + 1;

  // Acquisition days, sorted; the giant is one of the first 5 % of customers.
  const acquisitionDays = Array.from({ length: o.customers }, () => Math.min(end, weekday(start + Math.floor(rampDraw(rng, 0.5) * span))));
  acquisitionDays.sort((a, b) => a - b);
  const giantIndex = rng.int(Math.max(1, Math.floor(o.customers * 0.05)));

  const channels = Object.keys(DEMO_ACQUISITION) as DemoAcquisitionChannel[];
  const channelShares = channels.map((c) => DEMO_ACQUISITION[c].share);
  const segmentShares = DEMO_SEGMENTS.map((s) => s.share);
  const customers: DemoCustomer[] = [];
  const transactions: Transaction[] = [];
  const referrers: Referrer[] = [];
  const referralCounts = new Int32Array(o.customers);
  let returnCounter = 0;

  for (let i = 0; i < o.customers; i++) {
    const id = `C${String(i + 1).padStart(5, "0")}`;
    const acquisitionEpochDay = acquisitionDays[i];
    const segment = DEMO_SEGMENTS[rng.weightedIndex(segmentShares)];
    const isGiant = i === giantIndex;
    const size = isGiant ? GIANT_SIZE : rng.logNormal(0, 1);
    const isKeyAccount = size > KEY_ACCOUNT_SIZE;
    let channel: DemoAcquisitionChannel = isKeyAccount ? "field sales" : channels[rng.weightedIndex(channelShares)];
    let referredBy: string | null = null;
    if (channel === "referral") {
      const alive = referrers.filter((r) => r.fromEpochDay < acquisitionEpochDay && r.untilEpochDay >= acquisitionEpochDay);
      if (alive.length === 0) channel = "web";
      else {
        const referrer = alive[rng.weightedIndex(alive.map((r) => r.weight))];
        referredBy = referrer.id;
        referralCounts[referrer.index]++;
      }
    }
    // The giant buys at the mean rate and order size of its size (no downward draw).
    const ordersPerYear = (isGiant ? 6 : rng.gamma(2, 3)) * Math.pow(size, 0.4) * (isKeyAccount ? 2.5 : 1);
    const orderValue = (segment.medianWalletPerYear / 12) * Math.pow(size, 0.6) * (isGiant ? 1 : rng.logNormal(0, 0.4));
    const shareOfWallet = Math.min(0.95, rng.beta(2, 3) * (channel === "referral" ? 1.2 : 1) * (isGiant ? 1.6 : 1));
    const walletPerYear = Math.round(((ordersPerYear * orderValue) / shareOfWallet) * rng.logNormal(0, 0.2));
    const isContract = channel === "field sales" || channel === "partner" || isKeyAccount;
    let dropout = isGiant ? 0 : isKeyAccount ? rng.beta(1, 60) : rng.beta(1.1, 17);
    const complaintRate = rng.beta(1, 40) + (channel === "partner" ? 0.02 : 0);
    const crossSellRate = channel === "field sales" || isKeyAccount ? 0.12 : 0.06;
    const owned = new Set<number>();
    const first = pickCategory(rng, segment.categoryPreference, owned)!;
    owned.add(first);
    if (rng.bernoulli(0.35)) {
      const second = pickCategory(rng, segment.categoryPreference, owned);
      if (second !== undefined) owned.add(second);
    }

    let complaints = 0;
    let wonBack = false;
    let churnEpochDay: number | null = null;
    let lastOrderDay = acquisitionEpochDay;
    let day = acquisitionEpochDay;
    let orderNumber = 0;
    let activeUntil = end;
    for (;;) {
      // Place the order on `day`.
      orderNumber++;
      lastOrderDay = day;
      const orderId = `${id}-${String(orderNumber).padStart(3, "0")}`;
      const orderChannel =
        channel === "web" ? (rng.bernoulli(0.92) ? "web" : "partner")
        : channel === "partner" ? (rng.bernoulli(0.8) ? "partner" : "web")
        : channel === "field sales" ? (rng.bernoulli(0.7) ? "field sales" : "web")
        : rng.bernoulli(0.7) ? "web" : "field sales";
      const ownedList = [...owned];
      const lineCount = Math.min(ownedList.length, 1 + rng.poisson(0.6));
      const lineCategories: number[] = [];
      for (let k = 0; k < lineCount; k++) {
        const pool = new Set(ownedList.filter((c) => !lineCategories.includes(c)));
        const weights = DEMO_CATEGORIES.map((_, c) => (pool.has(c) ? segment.categoryPreference[c] + 0.5 : 0));
        lineCategories.push(rng.weightedIndex(weights));
      }
      const orderTotal = orderValue * rng.logNormal(-0.125, 0.5);
      const splits = lineCategories.map(() => 0.3 + rng.uniform());
      const splitSum = splits.reduce((a, b) => a + b, 0);
      lineCategories.forEach((c, k) => {
        const category = DEMO_CATEGORIES[c];
        const amount = Math.max(1, round2((orderTotal * splits[k]) / splitSum));
        const marginRate = Math.min(0.8, Math.max(-0.1, category.marginRate + 0.04 * rng.normal()));
        const margin = round2(amount * marginRate);
        const quantity = Math.max(1, Math.round(amount / category.unitPrice));
        transactions.push({ customerId: id, epochDay: day, amount, margin, category: category.name, channel: orderChannel, orderId, quantity });
        if (rng.bernoulli(0.015)) {
          const returnDay = weekday(day + 5 + rng.int(36));
          if (returnDay <= end) {
            const fraction = 0.3 + 0.7 * rng.uniform();
            returnCounter++;
            transactions.push({
              customerId: id,
              epochDay: returnDay,
              amount: -round2(amount * fraction),
              margin: -round2(margin * fraction),
              category: category.name,
              channel: orderChannel,
              orderId: `R${String(returnCounter).padStart(5, "0")}`,
              quantity: -Math.max(1, Math.round(quantity * fraction)),
            });
          }
        }
      });
      if (rng.bernoulli(complaintRate + (orderChannel === "partner" ? 0.02 : 0))) {
        complaints++;
        if (!isGiant) dropout = Math.min(0.9, dropout * 2 + 0.08);
      }
      if (rng.bernoulli(crossSellRate)) {
        const next = pickCategory(rng, segment.categoryPreference, owned);
        if (next !== undefined) owned.add(next);
      }
      // Next order, or dropout (and maybe a win-back).
      let gap = Math.max(1, Math.round(rng.exponential(365 / ordersPerYear)));
      if (rng.bernoulli(dropout)) {
        if (!wonBack && rng.bernoulli(WIN_BACK_PROBABILITY)) {
          wonBack = true;
          dropout = Math.min(dropout, rng.beta(1.2, 20));
          gap = 120 + Math.round(rng.exponential(200));
        } else {
          activeUntil = Math.min(end, lastOrderDay + Math.max(1, Math.round(rng.exponential(365 / ordersPerYear))));
          if (isContract) {
            const notice = lastOrderDay + 30 + rng.int(91);
            if (notice <= end) churnEpochDay = notice;
          }
          break;
        }
      }
      day = weekday(day + gap);
      if (day > end) break;
    }

    const tenureYears = Math.max(0.25, (end - acquisitionEpochDay + 1) / 365.25);
    const base = DEMO_ACQUISITION[channel];
    customers.push({
      customerId: id,
      name: `${DEMO_NAME_PREFIXES[rng.int(DEMO_NAME_PREFIXES.length)]} ${segment.nameSuffixes[rng.int(segment.nameSuffixes.length)]}`,
      segment: segment.name,
      acquisitionEpochDay,
      acquisitionChannel: channel,
      acquisitionCost: round2(base.medianCost * rng.logNormal(0, 0.35) * (isKeyAccount ? 3 : 1)),
      referrals: 0,
      referredBy,
      complaints,
      walletPerYear,
      isKeyAccount,
      churnEpochDay,
      costToServePerYear: Math.round(base.costToServePerYear + (150 * complaints) / tenureYears + (isKeyAccount ? 6000 : 0)),
      retentionCostPerYear: base.retentionCostPerYear + (isKeyAccount ? 4000 : 0),
    });
    referrers.push({ id, index: i, fromEpochDay: acquisitionEpochDay, untilEpochDay: activeUntil, weight: Math.pow(size, 0.3) * (complaints === 0 ? 3 : 1) });
  }
  customers.forEach((c, i) => (c.referrals = referralCounts[i]));

  const prospects: DemoProspect[] = [];
  for (let j = 0; j < o.prospects; j++) {
    const segment = DEMO_SEGMENTS[rng.weightedIndex(segmentShares)];
    const concentration = 8;
    prospects.push({
      prospectId: `P${String(j + 1).padStart(4, "0")}`,
      name: `${DEMO_NAME_PREFIXES[rng.int(DEMO_NAME_PREFIXES.length)]} ${segment.nameSuffixes[rng.int(segment.nameSuffixes.length)]}`,
      segment: segment.name,
      walletPerYear: Math.round(segment.medianWalletPerYear * rng.logNormal(-0.2, 1) * rng.logNormal(0, 0.3)),
      fit: Math.round(rng.beta(segment.prospectFit * concentration, (1 - segment.prospectFit) * concentration) * 1000) / 1000,
      source: DEMO_PROSPECT_SOURCES[rng.int(DEMO_PROSPECT_SOURCES.length)],
    });
  }

  transactions.sort((a, b) => a.epochDay - b.epochDay || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0) || ((a.orderId ?? "") < (b.orderId ?? "") ? -1 : (a.orderId ?? "") > (b.orderId ?? "") ? 1 : 0));
  return { transactions, customers, prospects, startEpochDay: start, endEpochDay: end };
}
