/**
 * The fixed catalogue of the demo company "Northwind Supplies", a B2B distributor of workplace
 * supplies: its product categories (with margin rates), sales channels (with acquisition cost),
 * customer segments (with wallet size and category preferences) and the words its fictional
 * company names are made of. Changing anything here changes the generated demo data.
 */

/** A product category and its typical gross margin rate (margin ÷ revenue). */
export interface DemoCategory {
  name: string;
  /** Mean margin rate of a line in this category, in [0, 1]. */
  marginRate: number;
  /** Typical unit price, used only to derive a plausible `quantity`. */
  unitPrice: number;
}

/** The seven product categories, from thin-margin hardware to high-margin services. */
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  { name: "office supplies", marginRate: 0.24, unitPrice: 12 },
  { name: "paper & print", marginRate: 0.14, unitPrice: 30 },
  { name: "it hardware", marginRate: 0.08, unitPrice: 450 },
  { name: "furniture", marginRate: 0.33, unitPrice: 280 },
  { name: "cleaning & hygiene", marginRate: 0.29, unitPrice: 18 },
  { name: "safety equipment", marginRate: 0.27, unitPrice: 45 },
  { name: "managed services", marginRate: 0.52, unitPrice: 900 },
];

/** How a customer was acquired. "referral" customers were brought in by an existing customer. */
export type DemoAcquisitionChannel = "web" | "partner" | "field sales" | "referral";

/** Order channels (where the transaction happened). */
export const DEMO_ORDER_CHANNELS = ["web", "field sales", "partner"] as const;

/** Acquisition channels: share of new customers and median acquisition cost (currency units). */
export const DEMO_ACQUISITION: Readonly<Record<DemoAcquisitionChannel, { share: number; medianCost: number; costToServePerYear: number; retentionCostPerYear: number }>> = {
  web: { share: 0.45, medianCost: 90, costToServePerYear: 60, retentionCostPerYear: 40 },
  partner: { share: 0.22, medianCost: 480, costToServePerYear: 250, retentionCostPerYear: 150 },
  "field sales": { share: 0.2, medianCost: 1800, costToServePerYear: 900, retentionCostPerYear: 500 },
  referral: { share: 0.13, medianCost: 150, costToServePerYear: 120, retentionCostPerYear: 60 },
};

/** A customer segment (industry): share of customers, yearly wallet of a median firm, category preferences. */
export interface DemoSegment {
  name: string;
  share: number;
  /** Yearly spend on the company's categories of a median-size firm in the segment (currency units). */
  medianWalletPerYear: number;
  /** Relative preference for each of {@link DEMO_CATEGORIES}, same order. */
  categoryPreference: readonly number[];
  /** Mean prospect fit in this segment, in [0, 1]. */
  prospectFit: number;
  nameSuffixes: readonly string[];
}

/** Six segments. Category preferences drive first purchases and cross-selling. */
export const DEMO_SEGMENTS: readonly DemoSegment[] = [
  { name: "manufacturing", share: 0.24, medianWalletPerYear: 9000, categoryPreference: [3, 1, 2, 1, 3, 6, 1], prospectFit: 0.45, nameSuffixes: ["Fabrication", "Tooling", "Components", "Industries"] },
  { name: "healthcare", share: 0.16, medianWalletPerYear: 11000, categoryPreference: [3, 2, 2, 1, 6, 3, 2], prospectFit: 0.5, nameSuffixes: ["Clinic", "Health", "Care", "Medical"] },
  { name: "professional services", share: 0.22, medianWalletPerYear: 6000, categoryPreference: [6, 4, 4, 3, 1, 0.3, 2], prospectFit: 0.4, nameSuffixes: ["Partners", "Consulting", "Advisory", "Legal"] },
  { name: "retail", share: 0.15, medianWalletPerYear: 5000, categoryPreference: [4, 3, 2, 2, 3, 1, 0.5], prospectFit: 0.3, nameSuffixes: ["Stores", "Outlet", "Market", "Retail"] },
  { name: "education", share: 0.13, medianWalletPerYear: 8000, categoryPreference: [6, 5, 3, 3, 2, 1, 1], prospectFit: 0.35, nameSuffixes: ["Academy", "School", "College", "Institute"] },
  { name: "public sector", share: 0.1, medianWalletPerYear: 14000, categoryPreference: [5, 5, 3, 2, 2, 2, 3], prospectFit: 0.25, nameSuffixes: ["Council", "Agency", "Authority", "Office"] },
];

/** First words of the fictional company names. */
export const DEMO_NAME_PREFIXES: readonly string[] = [
  "Alder", "Birch", "Cedar", "Summit", "Harbor", "Granite", "Meadow", "Beacon", "Pioneer", "Riverside",
  "Northgate", "Evergreen", "Silverline", "Bluewater", "Ironwood", "Oakridge", "Westfield", "Lakeshore",
  "Redstone", "Sunrise", "Juniper", "Falcon", "Keystone", "Maple", "Orchard", "Highland", "Crescent", "Vantage",
];

/** Where prospects came from. */
export const DEMO_PROSPECT_SOURCES: readonly string[] = ["trade fair", "inbound web", "partner lead", "purchased list"];
