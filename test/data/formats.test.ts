import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATE_FORMATS, dateSql, detectDateFormat, isoFromEpochDay, parseDate } from "../../src/data/dateFormat.js";
import { DATE_CORPUS } from "./dateCorpus.js";
import { detectNumberFormat, numberSql, parseNumber, type NumberFormat } from "../../src/data/numberFormat.js";
import { quoteLiteral } from "../../src/sql/runner.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";

let db: NodeDuckDB;
beforeAll(async () => {
  db = await NodeDuckDB.open();
});
afterAll(() => db.close());

describe("number formats", () => {
  it("parses money in each format", () => {
    const point: NumberFormat = { decimal: ".", thousands: "," };
    const comma: NumberFormat = { decimal: ",", thousands: "." };
    expect(parseNumber("$1,234.50", point)).toBe(1234.5);
    expect(parseNumber("(12.00)", point)).toBe(-12);
    expect(parseNumber("12.00-", point)).toBe(-12);
    expect(parseNumber("1.234,56 €", comma)).toBe(1234.56);
    expect(parseNumber("1 234,56", { decimal: ",", thousands: " " })).toBe(1234.56);
    expect(parseNumber("1'234.5", { decimal: ".", thousands: "'" })).toBe(1234.5);
    for (const bad of ["", " ", "abc", "NaN", "Infinity", "-", "1.2.3x", "12abc"]) expect(parseNumber(bad, point), bad).toBeUndefined();
  });

  it("detects decimal comma vs point and flags the undecidable", () => {
    expect(detectNumberFormat(["12,5", "1.234,56", "3"])).toMatchObject({ decimal: ",", thousands: ".", ambiguous: false });
    expect(detectNumberFormat(["12.5", "1,234.56", "3"])).toMatchObject({ decimal: ".", thousands: ",", ambiguous: false });
    expect(detectNumberFormat(["$12.50", "€3"]).currencies).toEqual(["$", "€"]);
    expect(detectNumberFormat(["1,234", "2,345"])).toMatchObject({ ambiguous: true });
    expect(detectNumberFormat(["1,234", "2,345"], true)).toMatchObject({ decimal: "," });
    expect(detectNumberFormat([]).parsedShare).toBeNaN();
  });

  it("the SQL expression equals the TS parser on a corpus (property)", async () => {
    const corpus = ["12", "12.5", " 7 ", "-3.25", "+4", "1e3", ".5", "$1,234.50", "(12.00)", "12.00-", "€ 12", "12 USD", "1.234,56", "12,5", "1 234,5", "1'234.5", "abc", "", "NaN", "inf", "-", "1,2,3", "--5", "()", "5%"];
    const formats: NumberFormat[] = [
      { decimal: ".", thousands: "" },
      { decimal: ".", thousands: "," },
      { decimal: ",", thousands: "." },
      { decimal: ",", thousands: " " },
      { decimal: ".", thousands: "'" },
    ];
    for (const format of formats) {
      const sql = `SELECT v, ${numberSql("v", format)} AS n FROM (SELECT unnest([${corpus.map(quoteLiteral).join(", ")}]) AS v)`;
      const rows = await db.query<{ v: string; n: number | null }>(sql);
      for (const { v, n } of rows) expect(n ?? undefined, `${JSON.stringify(v)} in ${JSON.stringify(format)}`).toBe(parseNumber(v, format));
    }
  });
});

describe("date formats", () => {
  it("parses to epoch days (1997-01-01 = 9862, 1997-09-30 = 10134)", () => {
    expect(parseDate("19970101", "%Y%m%d")).toBe(9862);
    expect(parseDate("1997-09-30", "%Y-%m-%d")).toBe(10134);
    expect(parseDate("30/09/1997", "%d/%m/%Y")).toBe(10134);
    expect(parseDate("09/30/1997", "%m/%d/%Y")).toBe(10134);
    expect(parseDate("30.09.97", "%d.%m.%y")).toBe(10134);
    expect(parseDate("1997-09-30T23:59:59.5-05:00", "%Y-%m-%d")).toBe(10134);
    expect(isoFromEpochDay(10134)).toBe("1997-09-30");
    for (const bad of ["", "1997-02-29", "2024-13-01", "5/1/24", "0024-01-01", "2024-01-01 nonsense", "20240230"]) expect(parseDate(bad, bad.includes("/") ? "%d/%m/%Y" : bad.includes("-") ? "%Y-%m-%d" : "%Y%m%d"), bad).toBeUndefined();
    expect(() => parseDate("x", "%Q")).toThrow('unsupported dateFormat: "%Q"');
  });

  it("round-trips every epoch day of 1900..2199 through ISO text (property)", () => {
    for (let d = parseDate("1900-01-01", "%Y-%m-%d")!; d <= parseDate("2199-12-31", "%Y-%m-%d")!; d += 37) expect(parseDate(isoFromEpochDay(d), "%Y-%m-%d")).toBe(d);
  });

  it("detects the format, and DD/MM vs MM/DD ambiguity", () => {
    expect(detectDateFormat(["13/01/2024", "05/02/2024"])).toMatchObject({ format: "%d/%m/%Y", ambiguous: false });
    expect(detectDateFormat(["01/13/2024", "05/02/2024"])).toMatchObject({ format: "%m/%d/%Y", ambiguous: false });
    expect(detectDateFormat(["01/02/2024", "05/06/2024"])).toMatchObject({ format: "%d/%m/%Y", ambiguous: true });
    expect(detectDateFormat(["01/02/2024"], false)).toMatchObject({ format: "%m/%d/%Y", ambiguous: true });
    expect(detectDateFormat(["2024-01-02 10:00"])).toMatchObject({ format: "%Y-%m-%d", hasTime: true });
    expect(detectDateFormat(["hello"]).format).toBeUndefined();
  });

  it("the SQL expression equals the TS parser on a corpus (property)", async () => {
    for (const spec of DATE_FORMATS) {
      const rows = await db.query<{ v: string; d: number | null }>(`SELECT v, ${dateSql("v", spec.format)} AS d FROM (SELECT unnest([${DATE_CORPUS.map(quoteLiteral).join(", ")}]) AS v)`);
      for (const { v, d } of rows) expect(d ?? undefined, `${JSON.stringify(v)} in ${spec.format}`).toBe(parseDate(v, spec.format));
    }
  });
});
