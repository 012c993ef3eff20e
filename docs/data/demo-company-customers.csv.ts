// Data loader: the generated demo company "Northwind Supplies" (customers table), made at build time by the
// seeded generator in src/demo (documented in data/demo/README.md). Deterministic: same bytes every build.
import { demoCompanyCsv, generateDemoCompany } from "../../src/demo/index.js";

const text = demoCompanyCsv(generateDemoCompany()).customers;
if (!text || text.split("\n").length < 3) throw new Error("demo company generator produced an empty customers table");
process.stdout.write(text);
