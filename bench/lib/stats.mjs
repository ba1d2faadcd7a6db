/**
 * Small, dependency-free statistics for the harness. Medians, not means: a shared 2-core
 * machine produces outliers (GC, another process) that would drag a mean around.
 */

/** The median of a non-empty list of finite numbers. */
export function median(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The q-quantile (0..1) by linear interpolation; q = 0.95 gives p95. */
export function quantile(values, q) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Runs `ours` and `baseline` alternately, `rounds` times, swapping which goes first every
 * round (ABBA), so a slow drift of the machine (thermal, a neighbour) hits both equally.
 * Each callback returns a number, or an object of named numbers; the samples are collected
 * per side.
 */
export async function interleaved(rounds, ours, baseline) {
  const samples = { ours: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ["ours", "baseline"] : ["baseline", "ours"];
    for (const side of order) {
      samples[side].push(await (side === "ours" ? ours(round) : baseline(round)));
    }
  }
  return samples;
}

/** From a list of `{ metric: number }` samples, the per-metric list of values. */
export function byMetric(samples) {
  const out = {};
  for (const sample of samples) {
    for (const [key, value] of Object.entries(sample)) {
      out[key] = [...(out[key] ?? []), value];
    }
  }
  return out;
}
