/** Small statistics for latency samples (milliseconds). */

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}

export interface Summary {
	count: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
	mean: number;
}

export function summarize(samples: readonly number[]): Summary {
	return {
		count: samples.length,
		p50: percentile(samples, 50),
		p90: percentile(samples, 90),
		p99: percentile(samples, 99),
		max: samples.length ? samples.reduce((a, b) => Math.max(a, b), -Infinity) : NaN,
		mean: samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : NaN
	};
}

/** "12.3 ms", "245 ms", "1.84 s". */
export function ms(value: number): string {
	if (!Number.isFinite(value)) return '—';
	if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
	if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
	if (value >= 100) return `${value.toFixed(0)} ms`;
	return `${value.toFixed(1)} ms`;
}

/** "14.8 MB", "812 KB" (decimal units). */
export function bytes(value: number): string {
	return value >= 1e6 ? `${(value / 1e6).toFixed(1)} MB` : `${Math.round(value / 1e3)} KB`;
}

/** Times `fn` once, in milliseconds. */
export async function time(fn: () => unknown): Promise<number> {
	const t0 = performance.now();
	await fn();
	return performance.now() - t0;
}
