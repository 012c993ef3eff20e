import { describe, expect, it } from "vitest";
import { parseCsvSample } from "../../src/data/csvSample.js";
import { inferMapping } from "../../src/data/inferMapping.js";
import { checkMapping, mappingProblems, mappingToJson, normalizeName, parseMappingJson } from "../../src/data/mapping.js";
import { looksBinary, sniffCsv, uniqueColumnNames } from "../../src/data/sniff.js";
import { readSample } from "../../src/cli/commands/validate.js";

describe("parseCsvSample", () => {
  it("handles quotes, doubled quotes, embedded delimiters and newlines, CRLF and CR, BOM, blank lines", () => {
    expect(parseCsvSample('\uFEFFa,b\r\n"x, ""y""","1\n2"\r\n\r\nz,3\rw,4', { delimiter: ",", quote: '"' })).toEqual([
      ["a", "b"],
      ['x, "y"', "1\n2"],
      ["z", "3"],
      ["w", "4"],
    ]);
  });
  it("drops the partial last record of a truncated sample, including an open quote", () => {
    expect(parseCsvSample("a,b\n1,2\n3,4", { delimiter: ",", quote: '"', truncated: true })).toEqual([["a", "b"], ["1", "2"]]);
    expect(parseCsvSample('a,b\n1,"2\n3', { delimiter: ",", quote: '"', truncated: true })).toEqual([["a", "b"]]);
  });
});

describe("sniffCsv", () => {
  it("detects each delimiter, the header and the number format", () => {
    expect(sniffCsv("id;date;amount\n1;05.01.2024;12,50\n2;06.01.2024;3,00\n")).toMatchObject({ delimiter: ";", header: true, numberFormat: { decimal: "," } });
    expect(sniffCsv("id\tdate\tamount\n1\t2024-01-05\t12.50\n").delimiter).toBe("\t");
    expect(sniffCsv("id|date|amount\n1|2024-01-05|12.50\n").delimiter).toBe("|");
    expect(sniffCsv('id,date,amount\n1,2024-01-05,"1,234.50"\n')).toMatchObject({ delimiter: ",", numberFormat: { decimal: ".", thousands: "," } });
  });
  it("knows a headerless file and names its columns", () => {
    const s = sniffCsv("1,2024-01-05,12.50\n2,2024-01-06,3.00\n");
    expect(s).toMatchObject({ header: false, columns: ["column1", "column2", "column3"] });
    expect(s.rows.length).toBe(2);
  });
  it("renames blank and repeated header names", () => {
    expect(uniqueColumnNames(["id", "", "id", "ID"])).toEqual(["id", "column2", "id_2", "ID_3"]);
  });
  it("flags empty and binary samples", () => {
    expect(sniffCsv("").empty).toBe(true);
    expect(sniffCsv("\uFEFF\r\n\r\n").empty).toBe(true);
    expect(sniffCsv("PK\u0003\u0004\u0000\u0000abc").binary).toBe(true);
    expect(looksBinary("plain, text\n")).toBe(false);
  });
  it("sniffs the CDNOW sample from its first 64 KB", () => {
    const { text, truncated } = readSample("data/cdnow/cdnow_sample.csv");
    const s = sniffCsv(text, { truncated });
    expect(s).toMatchObject({ delimiter: ",", header: true, columns: ["masterid", "sampleid", "date", "cds", "sales"] });
    expect(s.dateFormats[2]).toMatchObject({ format: "%Y%m%d", ambiguous: false });
  });
});

describe("inferMapping", () => {
  it("maps the sample data sets' headers", () => {
    const cdnow = inferMapping(["masterid", "sampleid", "date", "cds", "sales"], [["4", "1", "19970101", "2", "29.33"]]);
    expect(cdnow.mapping.columns).toEqual({ customerId: "masterid", date: "date", amount: "sales", quantity: "cds" });
    expect(cdnow.fields.date!.confidence).toBeGreaterThan(0.9);
    expect(inferMapping(["Id", "Date", "Price"], [["1", "2005-01-02", "230.3"]]).mapping.columns).toEqual({ customerId: "Id", date: "Date", amount: "Price" });
    const rich = inferMapping(
      ["CustomerID", "Order Date", "Net Sales EUR", "Product Category", "Channel", "InvoiceNo", "Qty", "Gross Margin"],
      [["C1", "2024-01-01", "12.50", "books", "web", "I1", "1", "4.00"]],
    );
    expect(rich.mapping.columns).toEqual({ customerId: "CustomerID", date: "Order Date", amount: "Net Sales EUR", category: "Product Category", channel: "Channel", orderId: "InvoiceNo", quantity: "Qty", margin: "Gross Margin" });
  });
  it("falls back to values and says so; warns for what it cannot find", () => {
    const r = inferMapping(["a", "b", "c"], [["x1", "2024-01-01", "12.50"], ["x1", "2024-01-02", "3.10"]]);
    expect(r.mapping.columns).toEqual({ customerId: "a", date: "b", amount: "c" });
    expect(r.fields.customerId!.reason).toMatch(/chosen from its values/);
    expect(inferMapping(["cust", "date"], [["1", "2006-01-01"]]).warnings).toContain("no column found for required field amount");
  });
  it("vetoes a name whose values do not fit", () => {
    const r = inferMapping(["customer", "date", "amount"], [["a", "soon", "1"], ["b", "later", "2"]]);
    expect(r.mapping.columns.date).toBeUndefined();
    expect(r.warnings[0]).toMatch(/"date" is named like date but only 0% of sample values are dates/);
  });
  it("a partial name match holding dates is not taken for an id", () => {
    const rows = [["a", "2024-01-05", "1.50", "2024-01-05 10:00:00", "o1"], ["b", "2024-01-06", "2.50", "2024-01-06 11:30:00", "o2"]];
    expect(inferMapping(["customer", "date", "amount", "ordered_at"], rows.map((r) => r.slice(0, 4))).mapping.columns.orderId).toBeUndefined();
    expect(inferMapping(["customer", "date", "amount", "ordered_at", "order_ref"], rows).mapping.columns.orderId).toBe("order_ref");
  });
  it("maps customers and prospects tables", () => {
    expect(inferMapping(["customer_id", "industry", "customer_since", "CAC", "wallet"], [["1", "retail", "2020-01-01", "100", "5000"]], "customers").mapping.columns).toEqual({
      customerId: "customer_id",
      segment: "industry",
      acquisitionDate: "customer_since",
      acquisitionCost: "CAC",
      walletPerYear: "wallet",
    });
    expect(inferMapping(["lead_id", "segment", "wallet", "propensity"], [["p1", "smb", "1000", "0.4"]], "prospects").mapping.columns).toEqual({ prospectId: "lead_id", segment: "segment", walletPerYear: "wallet", fit: "propensity" });
  });
  it("normalizes names", () => {
    expect(normalizeName(" Customer ID ")).toBe("customer_id");
    expect(normalizeName("CustomerID")).toBe("customer_id");
    expect(normalizeName("order-date")).toBe("order_date");
  });
});

describe("mapping JSON", () => {
  const good = { version: 1, table: "transactions", columns: { customerId: "masterid", date: "date", amount: "sales" }, dateFormat: "%Y%m%d", decimal: ".", thousands: "" };
  it("round-trips", () => {
    expect(parseMappingJson(mappingToJson(checkMapping(good)))).toEqual(good);
  });
  it("refuses bad files with the key and value", () => {
    expect(() => parseMappingJson("{", "m.json")).toThrow(/^m\.json: not valid JSON/);
    expect(() => parseMappingJson(JSON.stringify({ ...good, version: 2 }), "m.json")).toThrow("m.json: unsupported version: 2 (expected 1)");
    expect(() => parseMappingJson(JSON.stringify({ ...good, columns: { buyer: "x" } }))).toThrow('unknown transactions field "buyer"');
    expect(() => parseMappingJson(JSON.stringify({ ...good, dateFormat: "%Q" }))).toThrow('unsupported dateFormat: "%Q"');
    expect(() => parseMappingJson(JSON.stringify({ ...good, decimal: ";" }))).toThrow('invalid decimal: ";"');
    expect(() => parseMappingJson(JSON.stringify({ ...good, thousands: "." , decimal: "." }))).toThrow('decimal and thousands are both "."');
    expect(() => parseMappingJson(JSON.stringify({ ...good, extra: 1 }))).toThrow('unknown key "extra"');
  });
  it("lists problems against a header", () => {
    expect(mappingProblems(checkMapping({ version: 1, table: "transactions", columns: { customerId: "id", date: "day" } }), ["id", "date"])).toEqual([
      "no column mapped to required field amount",
      'column "day" (date) is not in header [id, date]',
    ]);
  });
});

describe("printable", () => {
  it("neutralizes terminal escapes and newlines from file text", async () => {
    const { printable } = await import("../../src/data/mapping.js");
    expect(printable("a\u001b[31mred\nb")).toBe("a\\u001b[31mred\\u000ab");
    expect(printable("plain, text")).toBe("plain, text");
  });
});
