/**
 * Rows of the Customers table from the summary columns and the worker's scores (one plain object per
 * customer, sorted by CLV, best first), and the CSV export of them.
 */

/** One row per customer, sorted by CLV descending (by P(alive) when CLV is unavailable). */
export function customerRows(columns, scores) {
  const c = columns.customers;
  const n = columns.n;
  const {rfm} = scores;
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      id: c.customerIds[i],
      x: c.x[i],
      tx: c.tx[i],
      T: c.T[i],
      pAlive: scores.pAlive[i],
      expectedPurchases: scores.expectedPurchases[i],
      expectedSpend: scores.expectedSpend[i],
      clv: scores.clv[i],
      historical: c.totalSpend[i],
      margin: columns.margin ? columns.margin[i] : undefined,
      segment: rfm.segments[rfm.segmentIndex[i]],
      rfm: `${rfm.recency[i]}${rfm.frequency[i]}${rfm.monetary[i]}`,
      index: i
    };
  }
  const key = Number.isNaN(scores.total) ? "pAlive" : "clv";
  return rows.sort((a, b) => b[key] - a[key]);
}

/** The rows as CSV-ready objects with explicit, unit-bearing column names. */
export function customerCsvRows(rows, {unitWord, horizonLabel}) {
  return rows.map((r) => ({
    customer_id: r.id,
    repeat_purchases_x: r.x,
    [`recency_tx_${unitWord}`]: r.tx,
    [`age_T_${unitWord}`]: r.T,
    p_alive: r.pAlive,
    [`expected_purchases_${horizonLabel}`]: r.expectedPurchases,
    expected_spend_per_purchase: r.expectedSpend,
    [`clv_${horizonLabel}`]: r.clv,
    historical_revenue: r.historical,
    ...(r.margin !== undefined ? {historical_margin: r.margin} : {}),
    rfm_segment: r.segment,
    rfm_score: r.rfm
  }));
}
