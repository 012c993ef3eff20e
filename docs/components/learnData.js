/**
 * Teaching data for the Learn pages: published parameter estimates (so a page shows the paper's
 * numbers) and small, made-up "classroom" customer bases that a student can reason about by eye.
 * Units are in every name. The classroom customers are invented for teaching, not real data.
 */

/** BG/NBD on the CDNOW 1/10 sample, weeks (Fader, Hardie & Lee 2005, Marketing Science 24(2)). α is per week. */
export const CDNOW_BGNBD_WEEKS = {r: 0.243, alpha: 4.414, a: 0.793, b: 2.426};

/** Pareto/NBD on the same data, weeks (Schmittlein, Morrison & Colombo 1987 model; estimates as in BTYD / lifetimes). */
export const CDNOW_PNBD_WEEKS = {r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669};

/** Gamma-Gamma spend model on CDNOW's 946 repeat buyers, USD per transaction (Fader & Hardie 2013 note). */
export const CDNOW_GAMMA_GAMMA = {p: 6.25, q: 3.74, gamma: 15.44};

/**
 * Fader & Hardie (2007), "How to project customer retention": % of a cohort of 1,000 still
 * subscribers at the start of years 0-12 (data/sbg/sbg_survival_pct.csv), and the sBG fits on years 1-7.
 */
export const SBG_COHORTS = {
  "high end": {
    alpha: 0.668,
    beta: 3.806,
    percentAlive: [100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1, 46.8, 44.5, 42.7, 40.9, 39.4],
  },
  regular: {
    alpha: 0.704,
    beta: 1.182,
    percentAlive: [100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1, 22.3, 20.7, 19.4, 18.3, 17.3],
  },
};

/** RFM classroom: 20 customers, days since last purchase, purchases in the last 2 years, total spend (USD). */
export const RFM_CLASS = [
  {id: "Ada", days: 4, purchases: 14, spend: 1260},
  {id: "Ben", days: 9, purchases: 9, spend: 540},
  {id: "Cleo", days: 15, purchases: 1, spend: 45},
  {id: "Dev", days: 21, purchases: 6, spend: 720},
  {id: "Eva", days: 30, purchases: 11, spend: 880},
  {id: "Finn", days: 38, purchases: 3, spend: 150},
  {id: "Gus", days: 45, purchases: 2, spend: 310},
  {id: "Hana", days: 60, purchases: 8, spend: 410},
  {id: "Ivo", days: 75, purchases: 4, spend: 95},
  {id: "Jade", days: 90, purchases: 1, spend: 60},
  {id: "Kai", days: 120, purchases: 5, spend: 275},
  {id: "Lena", days: 150, purchases: 2, spend: 80},
  {id: "Milo", days: 180, purchases: 12, spend: 1500},
  {id: "Nia", days: 210, purchases: 1, spend: 35},
  {id: "Omar", days: 260, purchases: 7, spend: 630},
  {id: "Pia", days: 300, purchases: 3, spend: 120},
  {id: "Quin", days: 365, purchases: 1, spend: 25},
  {id: "Rosa", days: 420, purchases: 10, spend: 990},
  {id: "Sam", days: 500, purchases: 2, spend: 55},
  {id: "Tess", days: 640, purchases: 1, spend: 20},
];

/** A full CustomerFeatures record (src/value/features.ts) with neutral defaults. */
function features(customerId, partial) {
  return {
    customerId,
    segment: null,
    revenueToDate: partial.revenueInWindow ?? 0,
    revenueInWindow: 0,
    marginToDate: partial.marginInWindow ?? null,
    marginInWindow: null,
    spendPerYear: partial.revenueInWindow ?? 0,
    firstPurchaseEpochDay: 0,
    lastPurchaseEpochDay: 0,
    purchaseDays: 1,
    tenureDays: 365,
    frequencyPerYear: 1,
    recencyDays: 30,
    categories: null,
    categoryRevenue: {},
    referrals: 0,
    complaints: 0,
    walletPerYear: null,
    isKeyAccount: null,
    churned: false,
    acquisitionCost: null,
    costToServePerYear: null,
    ...partial,
  };
}

/**
 * Value-index classroom: 8 business customers of an office-supplies firm, as of today. Revenue and
 * margin are the last 365 days (USD), tenure and recency in days, frequency in purchase days per
 * year, breadth = categories bought (of paper, ink, furniture, coffee), wallet = their total yearly
 * spend on such supplies (USD per year).
 */
export function valueClass() {
  const rows = [
    ["Acme Corp", {revenueInWindow: 48000, marginInWindow: 7200, tenureDays: 2900, frequencyPerYear: 40, recencyDays: 6, categories: ["ink", "paper", "furniture", "coffee"], referrals: 1, complaints: 6, walletPerYear: 60000}],
    ["Birch Dental", {revenueInWindow: 6500, marginInWindow: 2300, tenureDays: 1800, frequencyPerYear: 12, recencyDays: 20, categories: ["ink", "paper"], referrals: 4, complaints: 0, walletPerYear: 9000}],
    ["Cobalt Labs", {revenueInWindow: 21000, marginInWindow: 5200, tenureDays: 700, frequencyPerYear: 24, recencyDays: 3, categories: ["ink", "paper", "furniture"], referrals: 0, complaints: 1, walletPerYear: 70000}],
    ["Dune Cafe", {revenueInWindow: 2400, marginInWindow: 900, tenureDays: 400, frequencyPerYear: 10, recencyDays: 14, categories: ["coffee", "paper"], referrals: 2, complaints: 0, walletPerYear: 3000}],
    ["Elm School", {revenueInWindow: 15000, marginInWindow: 2100, tenureDays: 3600, frequencyPerYear: 6, recencyDays: 95, categories: ["paper"], referrals: 0, complaints: 2, walletPerYear: 40000}],
    ["Fjord Legal", {revenueInWindow: 9000, marginInWindow: 3100, tenureDays: 1200, frequencyPerYear: 18, recencyDays: 9, categories: ["ink", "paper", "coffee"], referrals: 3, complaints: 0, walletPerYear: 12000}],
    ["Grove Clinic", {revenueInWindow: 800, marginInWindow: 200, tenureDays: 150, frequencyPerYear: 4, recencyDays: 60, categories: ["paper"], referrals: 0, complaints: 3, walletPerYear: 15000}],
    ["Harbor Hotel", {revenueInWindow: 12000, marginInWindow: 1500, tenureDays: 2200, frequencyPerYear: 8, recencyDays: 210, categories: ["coffee", "furniture"], referrals: 1, complaints: 1, walletPerYear: 30000}],
  ];
  const categoryShare = {ink: 0.35, paper: 0.3, furniture: 0.2, coffee: 0.15};
  return rows.map(([id, partial]) => {
    const total = partial.categories.reduce((s, c) => s + categoryShare[c], 0);
    const categoryRevenue = Object.fromEntries(partial.categories.map((c) => [c, (partial.revenueInWindow * categoryShare[c]) / total]));
    return features(id, {...partial, categoryRevenue, spendPerYear: partial.revenueInWindow, revenueToDate: partial.revenueInWindow, purchaseDays: Math.round(partial.frequencyPerYear)});
  });
}

/** Prospects of the value classroom: yearly wallet (USD per year) and fit (probability of winning them, 0-1). */
export const VALUE_CLASS_PROSPECTS = [
  {prospectId: "Iris Architects (prospect)", segment: null, walletPerYear: 25000, fit: 0.4},
  {prospectId: "Juniper Gym (prospect)", segment: null, walletPerYear: 8000, fit: 0.7},
];

/** Predicted future value (USD, P(alive)-weighted CLV) of the value classroom's customers, for the OI. */
export const VALUE_CLASS_FUTURE_VALUE = {
  "Acme Corp": 30000,
  "Birch Dental": 9000,
  "Cobalt Labs": 26000,
  "Dune Cafe": 2500,
  "Elm School": 6000,
  "Fjord Legal": 12000,
  "Grove Clinic": 700,
  "Harbor Hotel": 2000,
};

/**
 * Portfolio classroom: 30 customers with a value score (CVI, 0-100) and an opportunity score
 * (OI, 0-100), plus yearly revenue (USD). Deterministic (a fixed list), spread over the 3 × 3 matrix.
 */
export const PORTFOLIO_CLASS = [
  [96, 85, 52000], [91, 40, 38000], [88, 12, 30000], [84, 70, 27000], [80, 55, 24000],
  [76, 22, 20000], [72, 90, 18000], [69, 64, 16000], [66, 35, 15000], [63, 8, 14000],
  [60, 77, 12500], [57, 48, 11000], [54, 18, 10000], [51, 94, 9500], [48, 59, 8800],
  [45, 30, 8000], [42, 5, 7000], [39, 82, 6500], [36, 44, 5800], [33, 15, 5000],
  [30, 68, 4400], [27, 26, 3800], [24, 3, 3200], [21, 88, 2600], [18, 52, 2100],
  [15, 10, 1700], [12, 73, 1300], [9, 38, 900], [6, 20, 500], [3, 60, 200],
].map(([value, opportunity, revenue], i) => ({id: `C${String(i + 1).padStart(2, "0")}`, value, opportunity, revenue}));
