/**
 * Text form of scenarios, for URLs and the command line (pure: no DOM).
 *
 * One lever: `short=value[unit]`, the short names of `LEVERS` (`churn=-5%`, `margin=+2pt`,
 * `remove-top=1`, `remove=C00001;C00042`, ids percent-encoded). One scenario: `name:lever,lever,...`
 * (the name is optional on the command line). In a URL, scenario k is the parameter `s<k>` (s1, s2, ...);
 * only levers that differ from zero are written, and nothing at all when the scenario list equals the
 * page's default list, so the URL holds only what the user changed.
 */
import { checkLevers, LEVERS, leverInfo, NO_CHANGE, type Scenario, type ScenarioLevers } from "./levers.js";

function formatNumber(v: number): string {
  const text = String(Number(v.toPrecision(12)));
  return v > 0 ? `+${text}` : text;
}

/** The changed levers of `levers` as `short=value` tokens, in `LEVERS` order (empty for no change). */
export function formatLevers(levers: ScenarioLevers): string[] {
  const out: string[] = [];
  for (const info of LEVERS) {
    const v = levers[info.key];
    if (v === 0) continue;
    out.push(info.unit === "customers" ? `${info.short}=${v}` : `${info.short}=${formatNumber(v)}${info.unit}`);
  }
  if (levers.removeIds.length) out.push(`remove=${levers.removeIds.map(encodeURIComponent).join(";")}`);
  return out;
}

/**
 * Parse one `short=value` token into `levers` (mutated). Units: `%` for relative levers, `pt` for
 * points levers, none for `remove-top`; a missing unit takes the lever's own. Throws with the token.
 */
export function parseLeverToken(token: string, levers: ScenarioLevers): void {
  const eq = token.indexOf("=");
  if (eq < 0) throw new RangeError(`invalid lever: ${JSON.stringify(token)} (expected name=value, e.g. churn=-5%)`);
  const name = token.slice(0, eq).trim();
  const text = token.slice(eq + 1).trim();
  if (name === "remove" || name === "removeIds") {
    levers.removeIds = [...levers.removeIds, ...text.split(";").filter((s) => s !== "").map((s) => decodeURIComponent(s))];
    return;
  }
  const info = leverInfo(name);
  if (!info) throw new RangeError(`invalid lever: ${JSON.stringify(name)} (known: ${LEVERS.map((l) => l.short).join(", ")}, remove)`);
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%|pt|pts|points)?$/i.exec(text);
  if (!m) throw new RangeError(`invalid value of ${info.short}: ${JSON.stringify(text)}`);
  const unit = m[2]?.toLowerCase();
  if (unit && info.unit === "customers") throw new RangeError(`invalid unit of ${info.short}: ${JSON.stringify(unit)} (a number of customers)`);
  if (unit === "%" && info.unit === "pt") throw new RangeError(`invalid unit of ${info.short}: "%" (this lever is in points: ${info.short}=+2pt)`);
  if (unit && unit !== "%" && info.unit === "%") throw new RangeError(`invalid unit of ${info.short}: ${JSON.stringify(unit)} (this lever is a relative change: ${info.short}=-5%)`);
  levers[info.key] = Number(m[1]);
}

/** Parse `lever,lever,...` (commas or spaces) into a checked lever set. */
export function parseLevers(text: string): ScenarioLevers {
  const levers: ScenarioLevers = { ...NO_CHANGE, removeIds: [] };
  for (const token of text.split(/[,\s]+/).filter((t) => t !== "")) parseLeverToken(token, levers);
  return checkLevers(levers);
}

/** `name:levers` → a scenario; without a name (no ':' before the first '='), `fallbackName`. */
export function parseScenario(text: string, fallbackName: string): Scenario {
  const colon = text.indexOf(":");
  const eq = text.indexOf("=");
  const named = colon >= 0 && (eq < 0 || colon < eq);
  const name = named ? text.slice(0, colon).trim() : fallbackName;
  return { name: name || fallbackName, levers: parseLevers(named ? text.slice(colon + 1) : text) };
}

/** `name:levers` text of a scenario (':' and ',' in names are replaced, so the text parses back). */
export function formatScenario(scenario: Scenario): string {
  return `${scenario.name.replace(/[:,]/g, " ").trim()}:${formatLevers(scenario.levers).join(",")}`;
}

function sameScenarios(a: readonly Scenario[], b: readonly Scenario[]): boolean {
  return a.length === b.length && a.every((s, i) => formatScenario(s) === formatScenario(b[i]));
}

/**
 * URL parameters `{s1: "...", s2: "..."}` for `scenarios`; `{}` when they equal `defaults`. Pass the
 * result with `null` for stale keys (see `staleKeys`) to the page's `writeParams`.
 */
export function scenariosToParams(scenarios: readonly Scenario[], defaults: readonly Scenario[] = []): Record<string, string> {
  if (sameScenarios(scenarios, defaults)) return {};
  return Object.fromEntries(scenarios.map((s, k) => [`s${k + 1}`, formatScenario(s)]));
}

/** Scenario parameter keys present in `params` (to clear before writing a shorter list). */
export function scenarioParamKeys(params: Iterable<[string, string]>): string[] {
  return [...params].map(([k]) => k).filter((k) => /^s\d+$/.test(k));
}

/**
 * Scenarios from URL parameters s1, s2, ... (in number order); `defaults` when there are none.
 * A parameter that does not parse is skipped and reported in `errors` (the page shows them).
 */
export function scenariosFromParams(params: Iterable<[string, string]>, defaults: readonly Scenario[] = []): { scenarios: Scenario[]; errors: string[] } {
  const entries = [...params].filter(([k]) => /^s\d+$/.test(k)).sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1)));
  if (entries.length === 0) return { scenarios: defaults.map((s) => ({ name: s.name, levers: checkLevers(s.levers) })), errors: [] };
  const scenarios: Scenario[] = [];
  const errors: string[] = [];
  for (const [key, value] of entries) {
    try {
      scenarios.push(parseScenario(value, `Scenario ${key.slice(1)}`));
    } catch (error) {
      errors.push(`${key}: ${(error as Error).message}`);
    }
  }
  return { scenarios, errors };
}
