// Data loader: the embedded demo data set, the real CDNOW 1/10 sample (see data/README.md).
import { readFileSync } from "node:fs";

const file = new URL("../../data/cdnow/cdnow_sample.csv", import.meta.url);
const text = readFileSync(file, "utf-8");
if (!text.trim()) throw new Error(`${file.pathname} is empty`);
process.stdout.write(text);
