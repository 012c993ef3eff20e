import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { IngestError, ingestTransactions, sampleDecidesDateFormat } from "../../src/data/ingest.js";
import { detectDateFormat, parseDate } from "../../src/data/dateFormat.js";
import { readSample } from "../../src/cli/commands/validate.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { ingestPath, writeZoo, zooDir } from "./ingestHelpers.js";

const dir = zooDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const day = (iso: string) => parseDate(iso, "%Y-%m-%d")!;

describe("ingest: the file zoo", () => {
  it("semicolon delimiter with decimal comma and thousands points", async () => {
    const path = writeZoo(dir, "semicolon.csv", "kunde;datum;betrag\nA;05.01.2024;12,50\nB;13.01.2024;1.234,56\nA;20.02.2024;-3,10\n");
    const r = await ingestPath(path, {}, async (db) => {
      const rows = await db.query<{ customer_id: string; epoch_day: number; amount: number; is_return: boolean }>("SELECT customer_id, epoch_day, amount, is_return FROM tx_clean ORDER BY row_number");
      expect(rows.map((x) => x.amount)).toEqual([12.5, 1234.56, -3.1]);
      expect(rows.map((x) => x.is_return)).toEqual([false, false, true]);
      expect(rows.map((x) => x.epoch_day)).toEqual([day("2024-01-05"), day("2024-01-13"), day("2024-02-20")]);
    });
    expect(r.sniff!.delimiter).toBe(";");
    expect(r.mapping).toMatchObject({ decimal: ",", thousands: ".", dateFormat: "%d.%m.%Y", columns: { customerId: "kunde", date: "datum", amount: "betrag" } });
    expect(r.report).toMatchObject({ rowsRead: 3, rowsUsed: 3, rowsRejected: 0, customers: 2, returns: { rows: 1, amount: -3.1 } });
  });

  it("tab and pipe delimiters", async () => {
    for (const [name, delim] of [["tab.tsv", "\t"], ["pipe.txt", "|"]]) {
      const path = writeZoo(dir, name, ["customer_id", "order_date", "revenue"].join(delim) + "\n" + ["c1", "2024-03-01", "10"].join(delim) + "\n" + ["c2", "2024-03-02", "20.5"].join(delim) + "\n");
      const r = await ingestPath(path);
      expect(r.sniff!.delimiter).toBe(delim);
      expect(r.report).toMatchObject({ rowsRead: 2, rowsUsed: 2, rowsRejected: 0, totalAmount: 30.5 });
    }
  });

  it("UTF-8 BOM and CRLF line endings", async () => {
    const path = writeZoo(dir, "bom-crlf.csv", "\uFEFFcustomer,date,amount\r\nx,2024-01-01,1\r\ny,2024-01-02,2\r\n");
    const r = await ingestPath(path);
    expect(r.sniff).toMatchObject({ bom: true, lineEnding: "\r\n" });
    expect(r.columns).toEqual(["customer", "date", "amount"]);
    expect(r.report).toMatchObject({ rowsRead: 2, rowsUsed: 2, customers: 2 });
  });

  it("old Mac CR line endings and a last line without a newline", async () => {
    const cr = await ingestPath(writeZoo(dir, "cr.csv", "customer,date,amount\ra,2024-01-01,1\rb,2024-01-02,2\r"));
    expect(cr.report).toMatchObject({ rowsRead: 2, rowsUsed: 2 });
    const noEol = await ingestPath(writeZoo(dir, "no-eol.csv", "customer,date,amount\na,2024-01-01,1\nb,2024-01-02,2"));
    expect(noEol.report).toMatchObject({ rowsRead: 2, rowsUsed: 2 });
  });

  it("a first record longer than the sniffed sample is a clear error", async () => {
    await expect(ingestPath(writeZoo(dir, "one-long-line.csv", "x".repeat(200_000)))).rejects.toThrow(/one-long-line\.csv: no line break in the first 65536 characters/);
  });

  it("quoted fields with embedded delimiters, quotes and newlines", async () => {
    const path = writeZoo(dir, "quoted.csv", 'customer_id,date,amount,category\n"Smith, J.",2024-01-01,5,"Books, ""rare""\nfirst edition"\n"Doe\r\nJane",2024-01-02,"6",plain\nk,2024-01-03,7,"x"\n');
    const r = await ingestPath(path, {}, async (db) => {
      const rows = await db.query<{ customer_id: string; category: string }>("SELECT customer_id, category FROM tx_clean ORDER BY row_number");
      expect(rows).toEqual([
        { customer_id: "Smith, J.", category: 'Books, "rare"\nfirst edition' },
        { customer_id: "Doe\r\nJane", category: "plain" },
        { customer_id: "k", category: "x" },
      ]);
    });
    expect(r.report).toMatchObject({ rowsRead: 3, rowsUsed: 3, rowsRejected: 0 });
  });

  it("thousands separators, currency symbols and accounting negatives", async () => {
    const path = writeZoo(dir, "money.csv", 'id,date,amount\n1,2024-01-01,"$1,234.50"\n2,2024-01-01,€ 12.00\n3,2024-01-01,(5.25)\n4,2024-01-01,12.00 USD\n5,2024-01-01,"1,000,000"\n');
    const r = await ingestPath(path, {}, async (db) => {
      const rows = await db.query<{ amount: number }>("SELECT amount FROM tx_clean ORDER BY row_number");
      expect(rows.map((x) => x.amount)).toEqual([1234.5, 12, -5.25, 12, 1_000_000]);
    });
    expect(r.mapping).toMatchObject({ decimal: ".", thousands: "," });
    expect(r.report.returns).toEqual({ rows: 1, amount: -5.25 });
  });

  it("DD/MM/YYYY and MM/DD/YYYY are told apart by the values", async () => {
    const dm = await ingestPath(writeZoo(dir, "dmy.csv", "customer,date,amount\na,05/01/2024,1\nb,25/12/2024,1\n"));
    expect(dm.dateFormat).toMatchObject({ format: "%d/%m/%Y", ambiguous: false });
    expect(dm.report.dateRange).toMatchObject({ first: "2024-01-05", last: "2024-12-25" });
    const md = await ingestPath(writeZoo(dir, "mdy.csv", "customer,date,amount\na,05/01/2024,1\nb,12/25/2024,1\n"));
    expect(md.dateFormat).toMatchObject({ format: "%m/%d/%Y", ambiguous: false });
    expect(md.report.dateRange).toMatchObject({ first: "2024-05-01", last: "2024-12-25" });
  });

  it("a value beyond the 64 KB sample decides DD/MM vs MM/DD over the whole column", async () => {
    const lines = ["customer,date,amount"];
    for (let i = 0; i < 5000; i++) lines.push(`c${i},0${1 + (i % 9)}/0${1 + (i % 7)}/2023,1.00`);
    lines.push("late,04/28/2023,1.00");
    const r = await ingestPath(writeZoo(dir, "late-mdy.csv", lines.join("\n") + "\n"));
    expect(r.dateFormat).toMatchObject({ format: "%m/%d/%Y", ambiguous: false });
    expect(r.report).toMatchObject({ rowsRead: 5001, rowsUsed: 5001 });
  });

  it("ambiguous dates are flagged and a warning says what was assumed", async () => {
    const r = await ingestPath(writeZoo(dir, "ambiguous.csv", "customer,date,amount\na,05/01/2024,1\nb,06/02/2024,1\n"));
    expect(r.dateFormat.ambiguous).toBe(true);
    expect(r.dateFormat.candidates).toEqual(expect.arrayContaining(["%d/%m/%Y", "%m/%d/%Y"]));
    expect(r.report.warnings[0]).toMatch(/fit both .*assumed %d\/%m\/%Y/);
    // a saved mapping settles it
    const fixed = await ingestPath(writeZoo(dir, "ambiguous2.csv", "customer,date,amount\na,05/01/2024,1\nb,06/02/2024,1\n"), {
      mapping: { version: 1, table: "transactions", columns: { customerId: "customer", date: "date", amount: "amount" }, dateFormat: "%m/%d/%Y" },
    });
    expect(fixed.dateFormat).toMatchObject({ format: "%m/%d/%Y", ambiguous: false, source: "mapping" });
    expect(fixed.report.dateRange!.first).toBe("2024-05-01");
  });

  it("timestamps with and without zone keep the calendar date as written", async () => {
    const path = writeZoo(dir, "times.csv", "customer,timestamp,amount\na,2024-01-05T23:30:00Z,1\nb,2024-01-05 10:00,1\nc,2024-01-05T10:00:00.123+02:00,1\nd,2024-01-05 11:59 PM,1\ne,2024-01-05 garbage,1\n");
    const r = await ingestPath(path, {}, async (db) => {
      const rows = await db.query<{ epoch_day: number }>("SELECT epoch_day FROM tx_clean");
      expect(rows.every((x) => x.epoch_day === day("2024-01-05"))).toBe(true);
    });
    expect(r.report).toMatchObject({ rowsRead: 5, rowsUsed: 4, rejectedByReason: { unparseable_date: 1 } });
    expect(r.report.examples.unparseable_date).toEqual({ rowNumber: 5, line: null, column: "timestamp", value: "2024-01-05 garbage" });
  });

  it("an empty file is a clear error, not a crash", async () => {
    await expect(ingestPath(writeZoo(dir, "empty.csv", ""))).rejects.toThrow(IngestError);
    await expect(ingestPath(writeZoo(dir, "empty2.csv", "\uFEFF\n\n"))).rejects.toThrow(/empty\d?\.csv: the file is empty/);
  });

  it("a header-only file reads 0 rows", async () => {
    const r = await ingestPath(writeZoo(dir, "header-only.csv", "customer_id,date,amount\n"), { mapping: { version: 1, table: "transactions", columns: { customerId: "customer_id", date: "date", amount: "amount" }, dateFormat: "%Y-%m-%d" } });
    expect(r.report).toMatchObject({ rowsRead: 0, rowsUsed: 0, rowsRejected: 0, customers: 0, dateRange: null });
    expect(r.report.warnings).toContain("the file has a header but no data rows");
  });

  it("a header-only file without a mapping says no date format could be found", async () => {
    await expect(ingestPath(writeZoo(dir, "header-only2.csv", "customer_id,date,amount\n"))).rejects.toThrow(/header-only2\.csv: column "date" \(date\) holds no date/);
  });

  it("binary garbage is refused as not a text file", async () => {
    const bytes = new Uint8Array(4096);
    let s = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
    await expect(ingestPath(writeZoo(dir, "garbage.csv", bytes))).rejects.toThrow(/garbage\.csv: not a text file/);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await expect(ingestPath(writeZoo(dir, "image.csv", png))).rejects.toThrow(/not a text file/);
  });

  it("a mapping naming a column the file lacks names file, field and column", async () => {
    const path = writeZoo(dir, "nomatch.csv", "a,b,c\n1,2024-01-01,3\n");
    await expect(ingestPath(path, { mapping: { version: 1, table: "transactions", columns: { customerId: "cust", date: "b", amount: "c" } } })).rejects.toThrow(
      /nomatch\.csv: column "cust" \(customerId\) is not in header \[a, b, c\]/,
    );
  });

  it("every bad row is rejected with one reason and the counts reconcile", async () => {
    const rows = [
      "order_id,customer_id,date,amount,return",
      "o1,c1,2024-01-01,10.00,", // ok
      "o2,,2024-01-02,10.00,", // missing id
      "o3,   ,2024-01-02,10.00,", // blank id
      "o4,c2,2024-02-30,10.00,", // impossible date
      "o5,c2,yesterday,10.00,", // unparseable date
      "o6,c3,2024-01-03,ten,", // non-numeric amount
      "o7,c3,2024-01-03,,", // empty amount
      "o8,c3,2024-01-03,NaN,", // NaN is not a number
      "o1,c1,2024-01-01,10.00,", // exact duplicate of row 1
      "o9,c4,2024-01-04,-4.50,", // negative: a return, kept
      "o10,c4,2024-01-05,4.50,yes", // flagged return, kept as -4.50
      "o11,c5,2030-01-01,1.00,", // future
      "o12,c5,2019-12-31,1.00,", // before window
      "o13,c6,2024-01-06,1.00,,surplus", // too many fields
      "o14,c6,2024-01-06", // too few fields
    ];
    const r = await ingestPath(writeZoo(dir, "defects.csv", rows.join("\n") + "\n"), { todayEpochDay: day("2025-01-01"), windowStartEpochDay: day("2020-01-01") }, async (db) => {
      const used = await db.query<{ row_number: number; amount: number; is_return: boolean }>("SELECT row_number, amount, is_return FROM tx_clean ORDER BY row_number");
      expect(used).toEqual([
        { row_number: 1, amount: 10, is_return: false },
        { row_number: 10, amount: -4.5, is_return: true },
        { row_number: 11, amount: -4.5, is_return: true },
      ]);
    });
    expect(r.report.rejectedByReason).toEqual({
      malformed_row: 2,
      missing_customer_id: 2,
      unparseable_date: 2,
      non_numeric_amount: 3,
      date_outside_window: 1,
      future_date: 1,
      exact_duplicate: 1,
    });
    expect(r.report).toMatchObject({ rowsRead: 15, rowsUsed: 3, rowsRejected: 12, returns: { rows: 2, amount: -9 } });
    expect(r.report.rowsRead).toBe(r.report.rowsUsed + r.report.rowsRejected);
    expect(r.report.examples.missing_customer_id).toEqual({ rowNumber: 2, line: null, column: "customer_id", value: "" });
    expect(r.report.examples.non_numeric_amount).toEqual({ rowNumber: 6, line: null, column: "amount", value: "ten" });
    expect(r.report.examples.exact_duplicate!.rowNumber).toBe(9);
  });

  it("rows the reader cannot split are kept as malformed with their file line, and later rows keep their true row numbers", async () => {
    const many = Array.from({ length: 20 }, (_, i) => `f${i}`).join(",");
    const text = `customer,date,amount\na,2024-01-01,1\nb,2024-01-01,${many}\nc,2024-01-02,3\nd,2024-01-02,1,2,3\ne,2024-01-02,1,2,3\nf,2024-01-0x,3\ng,2024-01-03,4\n`;
    const r = await ingestPath(writeZoo(dir, "unsplittable.csv", text), {}, async (db) => {
      const rejected = await db.query<{ row_number: number | null; line: number; reason: string; raw_line: string | null }>("SELECT row_number, line, reason, raw_line FROM tx_rejected ORDER BY row_number");
      expect(rejected).toEqual([
        { row_number: 2, line: 3, reason: "malformed_row", raw_line: `b,2024-01-01,${many}` },
        { row_number: 4, line: 5, reason: "malformed_row", raw_line: "d,2024-01-02,1,2,3" },
        { row_number: 5, line: 6, reason: "malformed_row", raw_line: "e,2024-01-02,1,2,3" },
        { row_number: 6, line: null, reason: "unparseable_date", raw_line: null },
      ]);
      const used = await db.query<{ row_number: number; customer_id: string }>("SELECT row_number, customer_id FROM tx_clean ORDER BY row_number");
      expect(used).toEqual([{ row_number: 1, customer_id: "a" }, { row_number: 3, customer_id: "c" }, { row_number: 7, customer_id: "g" }]);
    });
    expect(r.report).toMatchObject({ rowsRead: 7, rowsUsed: 3, rowsRejected: 4, rejectedByReason: { malformed_row: 3, unparseable_date: 1 } });
    expect(r.report.examples.unparseable_date).toEqual({ rowNumber: 6, line: null, column: "date", value: "2024-01-0x" });
    expect(r.report.warnings[0]).toBe("3 rows could not be split into fields by the CSV reader; they are reported by file line");
  });

  it("a quoted field spanning lines still counts as one row; blank lines make row numbers approximate, and the report says so", async () => {
    const many = Array.from({ length: 20 }, (_, i) => `f${i}`).join(",");
    const multiline = await ingestPath(writeZoo(dir, "unsplittable-multiline.csv", `customer,date,amount,note\na,2024-01-01,1,"two\nlines"\nb,2024-01-01,${many}\nc,2024-01-0x,3,ok\n`), {}, async (db) => {
      expect(await db.query("SELECT row_number, line, reason FROM tx_rejected ORDER BY row_number")).toEqual([
        { row_number: 2, line: 3, reason: "malformed_row" },
        { row_number: 3, line: null, reason: "unparseable_date" },
      ]);
    });
    expect(multiline.report.warnings[0]).toBe("1 rows could not be split into fields by the CSV reader; they are reported by file line");
    const blank = await ingestPath(writeZoo(dir, "unsplittable-blank.csv", `customer,date,amount\na,2024-01-01,1\n\nb,2024-01-01,${many}\nc,2024-01-0x,3\n`), {}, async (db) => {
      expect(await db.query("SELECT row_number, line, reason FROM tx_rejected ORDER BY line NULLS FIRST")).toEqual([
        { row_number: 2, line: null, reason: "unparseable_date" },
        { row_number: null, line: 4, reason: "malformed_row" },
      ]);
    });
    expect(blank.report).toMatchObject({ rowsRead: 3, rowsUsed: 1, rowsRejected: 2 });
    expect(blank.report.warnings[0]).toMatch(/because the file has blank lines, row numbers after the first of them count only the rows that could be split$/);
  });

  it("exact duplicates are kept (and counted) without an order id, rejected with one or on request", async () => {
    const text = "customer,date,amount\na,2024-01-01,5\na,2024-01-01,5\nb,2024-01-02,5\n";
    const auto = await ingestPath(writeZoo(dir, "dups.csv", text));
    expect(auto.report).toMatchObject({ rowsUsed: 3, rowsRejected: 0, duplicatesKept: 1 });
    expect(auto.report.warnings.some((w) => w.startsWith("1 rows are exact copies"))).toBe(true);
    const reject = await ingestPath(writeZoo(dir, "dups2.csv", text), { duplicates: "reject" });
    expect(reject.report).toMatchObject({ rowsUsed: 2, rowsRejected: 1, rejectedByReason: { exact_duplicate: 1 }, duplicatesKept: 0 });
  });

  it("optional numeric fields that do not parse are left empty with a warning naming row and value", async () => {
    const r = await ingestPath(writeZoo(dir, "margin.csv", "customer,date,amount,margin,qty\na,2024-01-01,10,4,1\nb,2024-01-02,10,n/a,2\n"), {}, async (db) => {
      const rows = await db.query<{ margin: number | null; quantity: number }>("SELECT margin, quantity FROM tx_clean ORDER BY row_number");
      expect(rows).toEqual([{ margin: 4, quantity: 1 }, { margin: null, quantity: 2 }]);
    });
    expect(r.report.rowsUsed).toBe(2);
    expect(r.report.warnings).toContain('margin: 1 values are not numbers and were left empty (first at row 2: "n/a")');
  });

  it("cost gives margin = amount − cost", async () => {
    await ingestPath(writeZoo(dir, "cost.csv", "customer,date,amount,cost\na,2024-01-01,10,6\na,2024-01-02,-10,6\n"), {}, async (db) => {
      const rows = await db.query<{ margin: number }>("SELECT margin FROM tx_clean ORDER BY row_number");
      expect(rows.map((x) => x.margin)).toEqual([4, -4]);
    });
  });
});

describe("ingest: when the sample settles the date format", () => {
  /** Ingest `path` and return the result with every SQL statement run. */
  async function ingestRecording(path: string) {
    const db = await NodeDuckDB.open();
    const statements: string[] = [];
    const runner = {
      query: <T,>(sql: string) => (statements.push(sql), db.query<T>(sql)),
      exec: (sql: string) => (statements.push(sql), db.exec(sql)),
    };
    try {
      const sample = readSample(path);
      const result = await ingestTransactions(runner, { fileName: path, sampleText: sample.text, truncated: sample.truncated });
      return { result, wholeColumnCount: statements.some((sql) => sql.includes("AS non_empty")) };
    } finally {
      db.close();
    }
  }

  it("junk dates in the sample do not force a pass over the whole column", async () => {
    const lines = ["customer,date,amount"];
    for (let i = 0; i < 5000; i++) lines.push(`c${i},${i % 100 === 50 ? "not a date" : `2023-0${1 + (i % 9)}-1${i % 10}`},1.00`);
    const { result, wholeColumnCount } = await ingestRecording(writeZoo(dir, "junk-dates.csv", lines.join("\n") + "\n"));
    expect(wholeColumnCount).toBe(false);
    expect(result.dateFormat).toMatchObject({ format: "%Y-%m-%d", ambiguous: false, source: "values" });
    expect(result.report).toMatchObject({ rowsRead: 5000, rowsUsed: 4950, rowsRejected: 50, rejectedByReason: { unparseable_date: 50 } });
  });

  it("a sample value in a second format sends the decision to the whole column", async () => {
    const lines = ["customer,date,amount"];
    for (let i = 0; i < 50; i++) lines.push(`c${i},${i === 7 ? "13/05/2023" : `2023-05-${10 + (i % 9)}`},1.00`);
    const { result, wholeColumnCount } = await ingestRecording(writeZoo(dir, "two-formats.csv", lines.join("\n") + "\n"));
    expect(wholeColumnCount).toBe(true);
    expect(result.dateFormat.format).toBe("%Y-%m-%d");
    expect(result.report.rejectedByReason).toEqual({ unparseable_date: 1 });
  });

  it("sampleDecidesDateFormat: one unambiguous format parsing ≥ 90 % of the sample, failures parsed by no format", () => {
    const decides = (values: string[]) => sampleDecidesDateFormat(values, detectDateFormat(values));
    const iso = Array.from({ length: 20 }, (_, i) => `2024-03-${10 + (i % 9)}`);
    expect(decides(iso)).toBe(true);
    expect(decides([...iso, "n/a", ""])).toBe(true); // 20 of 21 non-empty values: 95 %
    expect(decides([...iso.slice(0, 8), "n/a", "n/a"])).toBe(false); // 80 %
    expect(decides([...iso, "03/14/2024"])).toBe(false); // a failure another format parses
    expect(decides(["05/01/2024", "06/02/2024"])).toBe(false); // DD/MM or MM/DD: ambiguous
    expect(decides(["13/01/2024", "06/02/2024"])).toBe(true); // a day > 12 settles it
    expect(decides(["n/a"])).toBe(false); // nothing parses
  });
});

describe("ingest: a 100,000-row file with a known number of each defect", () => {
  it("counts equal the truth", async () => {
    // Seeded generator: every 97th row misses its id, every 89th has a bad date, every 83rd a bad amount,
    // every 101st is a copy of the previous row (with its order id: rejected as exact duplicate).
    let seed = 42;
    const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const lines = ["order_id;customer;date;amount"];
    const truth = { missing_customer_id: 0, unparseable_date: 0, non_numeric_amount: 0, exact_duplicate: 0, returns: 0 };
    let previous = "";
    for (let i = 1; i <= 100_000; i++) {
      if (i % 101 === 0 && previous) {
        lines.push(previous);
        // a copy of a rejected row is rejected for the same reason as the original
        const [, id, date, amount] = previous.split(";");
        if (id === "") truth.missing_customer_id++;
        else if (date === "31/02/2023") truth.unparseable_date++;
        else if (amount === "abc") truth.non_numeric_amount++;
        else {
          truth.exact_duplicate++;
        }
        continue;
      }
      const id = i % 97 === 0 ? "" : `C${Math.floor(rand() * 5000)}`;
      const date = i % 89 === 0 ? "31/02/2023" : `${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}/${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}/2023`;
      let amount = i % 83 === 0 ? "abc" : (rand() * 200 - 20).toFixed(2).replace(".", ",");
      if (amount === "-0,00") amount = "0,00";
      if (id === "") truth.missing_customer_id++;
      else if (date === "31/02/2023") truth.unparseable_date++;
      else if (amount === "abc") truth.non_numeric_amount++;
      else if (amount.startsWith("-")) truth.returns++;
      previous = `O${i};${id};${date};${amount}`;
      lines.push(previous);
    }
    const r = await ingestPath(writeZoo(dir, "big.csv", lines.join("\n") + "\n"));
    const { returns, ...rejected } = truth;
    const rejectedTotal = Object.values(rejected).reduce((a, b) => a + b, 0);
    expect(r.report.rejectedByReason).toEqual(rejected);
    expect(r.report.rowsRead).toBe(100_000);
    expect(r.report.rowsRejected).toBe(rejectedTotal);
    expect(r.report.rowsUsed).toBe(100_000 - rejectedTotal);
    expect(r.report.returns.rows).toBe(returns);
    expect(r.mapping).toMatchObject({ decimal: ",", dateFormat: "%d/%m/%Y" });
  });
});

describe("ingest: real data", () => {
  it("CDNOW sample: 6,919 read, 0 rejected, published totals (21 identical rows kept as genuine orders)", async () => {
    const r = await ingestPath("data/cdnow/cdnow_sample.csv", { todayEpochDay: day("2026-01-01") }, async (db) => {
      const [{ days }] = await db.query<{ days: number }>("SELECT count(*) AS days FROM (SELECT DISTINCT customer_id, epoch_day FROM tx_clean)");
      expect(days).toBe(6696); // REFERENCES.md §1: customer-days after merging same-day orders
    });
    expect(r.report).toMatchObject({ rowsRead: 6919, rowsUsed: 6919, rowsRejected: 0, customers: 2357, duplicatesKept: 21 });
    expect(r.report.totalAmount).toBeCloseTo(244091.94, 6);
    expect(r.report.dateRange).toMatchObject({ first: "1997-01-01", last: "1998-06-30" });
    expect(r.mapping.columns).toMatchObject({ customerId: "masterid", date: "date", amount: "sales", quantity: "cds" });
    expect(r.dateFormat.format).toBe("%Y%m%d");
  });

  it("reads Parquet and JSON copies of the CDNOW sample to the same counts", async () => {
    const { NodeDuckDB } = await import("../../src/node/duckdb.js");
    const db = await NodeDuckDB.open();
    const parquet = `${dir}/cdnow.parquet`;
    const json = `${dir}/cdnow.json`;
    await db.exec(`COPY (SELECT * FROM read_csv('data/cdnow/cdnow_sample.csv')) TO '${parquet}' (FORMAT parquet)`);
    await db.exec(`COPY (SELECT masterid, strftime(strptime(date::VARCHAR, '%Y%m%d'), '%Y-%m-%d') AS date, sales FROM read_csv('data/cdnow/cdnow_sample.csv')) TO '${json}' (FORMAT json, ARRAY true)`);
    db.close();
    for (const path of [parquet, json]) {
      const r = await ingestPath(path);
      expect(r.report).toMatchObject({ rowsRead: 6919, rowsUsed: 6919, rowsRejected: 0, customers: 2357 });
      expect(r.report.totalAmount).toBeCloseTo(244091.94, 6);
    }
  });

  it("a non-Parquet file read as Parquet is a clear error", async () => {
    await expect(ingestPath(writeZoo(dir, "fake.parquet", "not parquet at all"))).rejects.toThrow(/fake\.parquet: cannot read as parquet/);
  });
});
