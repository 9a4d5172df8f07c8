/** What a section reports: figures beside their budgets, printed as a plain-text table. */

export type Verdict = 'within' | 'over' | 'n/a' | '';

export interface Row {
	/** What was measured, e.g. "single edit acknowledged, p50". */
	figure: string;
	/** The measured value, formatted. */
	value: string;
	/** The PRODUCT.md budget it is held against, or "" when the row is context only. */
	budget?: string;
	verdict?: Verdict;
}

export interface SectionReport {
	/** A heading for the table, e.g. "Server: 10,000 events, 15,000 links, 200 actors (14.8 MB)". */
	title: string;
	rows: Row[];
	/** Lines printed under the table: how it was measured, caveats. */
	notes?: string[];
	/** Further lines printed as they are (e.g. a profile summary). */
	details?: string[];
	/**
	 * Problems that make the figures untrustworthy (requests that errored, lost edits): printed, and
	 * the run exits non-zero. Over-budget figures are not failures.
	 */
	failures?: string[];
}

/** Within budget when `value <= limit` (or `>=` for throughput). */
export function verdict(value: number, limit: number, direction: 'at-most' | 'at-least' = 'at-most'): Verdict {
	if (!Number.isFinite(value)) return 'over';
	return (direction === 'at-most' ? value <= limit : value >= limit) ? 'within' : 'over';
}

const VERDICT_TEXT: Record<Verdict, string> = { within: 'within', over: 'OVER', 'n/a': 'n/a', '': '' };

/** The report as text: a table with columns figure | measured | budget | verdict. */
export function formatReport(report: SectionReport): string {
	const header: Row = { figure: 'figure', value: 'measured', budget: 'budget (PRODUCT.md)', verdict: '' };
	const cells = (r: Row) => [r.figure, r.value, r.budget ?? '', r === header ? 'verdict' : VERDICT_TEXT[r.verdict ?? '']];
	const table = [header, ...report.rows].map(cells);
	const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
	const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
	const rule = widths.map((w) => '─'.repeat(w)).join('  ');
	const out = [report.title, rule, line(table[0]), rule, ...table.slice(1).map(line), rule];
	for (const note of report.notes ?? []) out.push(`  · ${note}`);
	for (const detail of report.details ?? []) out.push(`    ${detail}`);
	for (const failure of report.failures ?? []) out.push(`  ✗ ${failure}`);
	return out.join('\n');
}
