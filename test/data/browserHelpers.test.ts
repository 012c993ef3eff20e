import { describe, expect, it } from "vitest";
import { BROWSER_MAX_FILE_BYTES, tooLargeForBrowser } from "../../src/data/browserLimits.js";
import { parseCsvSample } from "../../src/data/csvSample.js";
import { csvField, rowsToCsv } from "../../src/data/csvWrite.js";

describe("tooLargeForBrowser", () => {
  it("passes files up to the limit and points larger ones to the CLI", () => {
    expect(tooLargeForBrowser("a.csv", BROWSER_MAX_FILE_BYTES)).toBeUndefined();
    expect(tooLargeForBrowser("big.csv", 1.5 * 1024 ** 3)).toBe('big.csv is 1.5 GB, more than a browser tab can validate (limit 500 MB). Run it from the command line instead: cvw validate "big.csv" --rejected rejected.csv');
    expect(() => tooLargeForBrowser("x", -1)).toThrow("invalid sizeBytes: -1");
  });
});

describe("rowsToCsv", () => {
  it("quotes what needs quoting and round-trips through the sample parser (property)", () => {
    expect(csvField(null)).toBe("");
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    const rows = [
      { row_number: 2, reason: "missing_customer_id", value: "" },
      { row_number: 3, reason: "unparseable_date", value: '31/02/2024, "late"\r\nx' },
      { row_number: null, reason: "malformed_row", value: "=cmd|' /C calc'!A0" },
    ];
    const text = rowsToCsv(["row_number", "reason", "value"], rows);
    const back = parseCsvSample(text, { delimiter: ",", quote: '"' });
    expect(back).toEqual([["row_number", "reason", "value"], ...rows.map((r) => [r.row_number === null ? "" : String(r.row_number), r.reason, r.value])]);
  });
});
