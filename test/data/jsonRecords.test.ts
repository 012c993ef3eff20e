import { describe, expect, it } from "vitest";
import { jsonRecordsToCsv } from "../../src/data/jsonRecords.js";
import { parseCsvSample } from "../../src/data/csvSample.js";

describe("jsonRecordsToCsv", () => {
  it("an array of records: union of keys in order of first appearance, nulls and missing keys empty", () => {
    const r = jsonRecordsToCsv('[{"customer_id":"a","date":"2024-01-02","amount":10.5},{"customer_id":"b","amount":null,"channel":"web"}]', "t.json");
    expect(r.columns).toEqual(["customer_id", "date", "amount", "channel"]);
    expect(r.rows).toBe(2);
    expect(r.csv).toBe("customer_id,date,amount,channel\na,2024-01-02,10.5,\nb,,,web\n");
  });

  it("newline-delimited JSON with CRLF, a BOM and blank lines", () => {
    const r = jsonRecordsToCsv('\uFEFF{"id":1,"flag":true}\r\n\r\n{"id":2,"flag":false,"tags":["x","y"]}\r\n', "t.ndjson");
    expect(r.csv).toBe('id,flag,tags\n1,true,\n2,false,"[""x"",""y""]"\n');
  });

  it("text with delimiters, quotes and line breaks round-trips through a CSV parser", () => {
    const name = 'Smith, "Jr."\nLtd; <img src=x>';
    const r = jsonRecordsToCsv(JSON.stringify([{ customer: name, amount: "1.234,50" }]));
    expect(parseCsvSample(r.csv, { delimiter: ",", quote: '"' })).toEqual([["customer", "amount"], [name, "1.234,50"]]);
  });

  it("errors name the file and the bad record or line", () => {
    expect(() => jsonRecordsToCsv("", "e.json")).toThrow("e.json: the file is empty (no records)");
    expect(() => jsonRecordsToCsv("[1, 2]", "n.json")).toThrow("n.json: record 1 is not an object: 1");
    expect(() => jsonRecordsToCsv('{"a":1}\n{"a":', "l.jsonl")).toThrow(/^l\.jsonl: line 2 is not valid JSON/);
    expect(() => jsonRecordsToCsv("[{", "b.json")).toThrow(/^b\.json: not valid JSON/);
    expect(() => jsonRecordsToCsv("[{}]", "k.json")).toThrow("k.json: the records have no fields");
  });
});
