/**
 * Named weight profiles of the value and opportunity indices. Each department judges value
 * differently (the seed methodology): sales looks at revenue, breadth and growth potential, finance
 * at margin and predicted value, service at loyalty, referrals and the cost of complaints. Weights
 * are relative (they need not sum to 1; the index normalises them) and are the user's to change:
 * pass any object of component → weight ("custom").
 */

/** Components of the customer value index. */
export type CviComponent = "revenue" | "margin" | "tenure" | "frequency" | "recency" | "breadth" | "referrals" | "complaints";
/** Components of the opportunity index. */
export type OiComponent = "walletGap" | "crossSellGap" | "futureValue";

/** Names of the built-in profiles. */
export type ProfileName = "balanced" | "sales" | "finance" | "service";
/** Relative weights of the CVI components (missing keys weigh 0). */
export type CviWeights = Partial<Record<CviComponent, number>>;
/** Relative weights of the OI components (missing keys weigh 0). */
export type OiWeights = Partial<Record<OiComponent, number>>;

/** CVI component keys in display order. */
export const CVI_COMPONENTS: readonly CviComponent[] = ["revenue", "margin", "tenure", "frequency", "recency", "breadth", "referrals", "complaints"];
/** OI component keys in display order. */
export const OI_COMPONENTS: readonly OiComponent[] = ["walletGap", "crossSellGap", "futureValue"];

/** Built-in CVI weight profiles (each sums to 1). */
export const CVI_PROFILES: Readonly<Record<ProfileName, Readonly<Required<CviWeights>>>> = {
  balanced: { revenue: 0.125, margin: 0.125, tenure: 0.125, frequency: 0.125, recency: 0.125, breadth: 0.125, referrals: 0.125, complaints: 0.125 },
  sales: { revenue: 0.35, margin: 0.1, tenure: 0.05, frequency: 0.15, recency: 0.1, breadth: 0.15, referrals: 0.05, complaints: 0.05 },
  finance: { revenue: 0.15, margin: 0.45, tenure: 0.05, frequency: 0.05, recency: 0.1, breadth: 0.05, referrals: 0.05, complaints: 0.1 },
  service: { revenue: 0.1, margin: 0.1, tenure: 0.15, frequency: 0.1, recency: 0.1, breadth: 0.05, referrals: 0.2, complaints: 0.2 },
};

/** Built-in OI weight profiles (each sums to 1). */
export const OI_PROFILES: Readonly<Record<ProfileName, Readonly<Required<OiWeights>>>> = {
  balanced: { walletGap: 1 / 3, crossSellGap: 1 / 3, futureValue: 1 / 3 },
  sales: { walletGap: 0.5, crossSellGap: 0.3, futureValue: 0.2 },
  finance: { walletGap: 0.3, crossSellGap: 0.2, futureValue: 0.5 },
  service: { walletGap: 0.3, crossSellGap: 0.4, futureValue: 0.3 },
};

/** True when `name` is a built-in profile name. */
export function isProfileName(name: string): name is ProfileName {
  return Object.prototype.hasOwnProperty.call(CVI_PROFILES, name);
}

/** Weights of a profile name, or the given custom weights unchanged; an unknown name throws. */
export function cviWeights(profile: ProfileName | CviWeights): CviWeights {
  if (typeof profile !== "string") return profile;
  if (!isProfileName(profile)) throw new Error(`unknown profile: ${profile} (expected ${Object.keys(CVI_PROFILES).join(", ")})`);
  return CVI_PROFILES[profile];
}

/** Weights of a profile name, or the given custom weights unchanged; an unknown name throws. */
export function oiWeights(profile: ProfileName | OiWeights): OiWeights {
  if (typeof profile !== "string") return profile;
  if (!isProfileName(profile)) throw new Error(`unknown profile: ${profile} (expected ${Object.keys(OI_PROFILES).join(", ")})`);
  return OI_PROFILES[profile];
}
