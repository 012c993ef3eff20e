/** Test helper: the CDNOW sample summarised in weeks, calibration to 1997-09-30, holdout to 1998-06-30. */
import { summarizeTransactions } from "../../src/data/summary.js";
import { CDNOW_CAL_END, CDNOW_HOLDOUT_END, readCdnow } from "./readCdnow.js";

export const cdnowSummary = summarizeTransactions(readCdnow("data/cdnow/cdnow_sample.csv", "sampleid"), {
  unit: "week",
  calibrationEndEpochDay: CDNOW_CAL_END,
  holdoutEndEpochDay: CDNOW_HOLDOUT_END,
});
