import { describe, expect, it } from "vitest";
import { checkLevers, formatLevers, NO_CHANGE, parseLevers, parseScenario, scenariosFromParams, scenariosToParams, type Scenario } from "../../src/scenarios/index.js";

describe("scenario text form", () => {
  it("round-trips scenarios through URL params, writing only non-zero levers", () => {
    const scenarios: Scenario[] = [
      { name: "Churn −5%", levers: checkLevers({ churnPct: -5 }) },
      { name: "Lose key, client", levers: checkLevers({ removeIds: ["C,01;x", "C00002"], spendPct: 12.5, marginPoints: -1.5, removeTopN: 2 }) },
      { name: "Nothing", levers: checkLevers({}) },
    ];
    const params = scenariosToParams(scenarios);
    expect(params.s1).toBe("Churn −5%:churn=-5%");
    expect(params.s3).toBe("Nothing:");
    const url = new URLSearchParams(params).toString();
    const back = scenariosFromParams(new URLSearchParams(url));
    expect(back.errors).toEqual([]);
    expect(back.scenarios.map((s) => s.levers)).toEqual(scenarios.map((s) => s.levers));
    expect(back.scenarios.map((s) => s.name)).toEqual(["Churn −5%", "Lose key  client", "Nothing"]);
  });

  it("writes nothing when the scenarios equal the defaults and reads the defaults back", () => {
    const defaults: Scenario[] = [{ name: "Scenario 1", levers: checkLevers({}) }];
    expect(scenariosToParams([{ name: "Scenario 1", levers: { ...NO_CHANGE } }], defaults)).toEqual({});
    expect(scenariosFromParams([], defaults).scenarios).toEqual(defaults);
    expect(scenariosFromParams([["s2", "B:spend=+1%"], ["s1", "A:churn=-1%"], ["x", "y"]]).scenarios.map((s) => s.name)).toEqual(["A", "B"]);
  });

  it("parses command-line levers with units and names the bad token", () => {
    expect(parseLevers("churn=-5%, margin=+2pt remove-top=1")).toMatchObject({ churnPct: -5, marginPoints: 2, removeTopN: 1 });
    expect(parseScenario("churn=-5%", "S1")).toMatchObject({ name: "S1", levers: { churnPct: -5 } });
    expect(formatLevers(parseLevers("discount=+1pt"))).toEqual(["discount=+1pt"]);
    expect(() => parseLevers("churn=-5pt")).toThrow('invalid unit of churn: "pt"');
    expect(() => parseLevers("margin=2%")).toThrow('invalid unit of margin: "%"');
    expect(() => parseLevers("bogus=1")).toThrow('invalid lever: "bogus"');
    expect(() => parseLevers("churn=abc")).toThrow('invalid value of churn: "abc"');
    expect(scenariosFromParams([["s1", "A:churn=-500%"]]).errors).toEqual(["s1: invalid churnPct: -500 (allowed -100..200)"]);
  });
});
