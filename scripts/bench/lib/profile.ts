/** Reading a V8 CPU profile (`node --cpu-prof`): where the time went, by function. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

export interface ProfileLine {
	name: string;
	/** Self time, ms. */
	self: number;
	/** Share of the sampled time, 0–1. */
	share: number;
}

/** The functions with the most self time in every .cpuprofile of `dir`, merged. */
export function topFunctions(dir: string, count = 10): { lines: ProfileLine[]; totalMs: number; files: string[] } {
	const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
	const self = new Map<string, number>();
	let total = 0;
	for (const file of files) {
		const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
		const byId = new Map(profile.nodes.map((n) => [n.id, n]));
		profile.samples.forEach((id, i) => {
			const node = byId.get(id);
			if (!node) return;
			const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
			const { functionName, url, lineNumber } = node.callFrame;
			const where = url ? `${basename(url)}:${lineNumber + 1}` : '';
			const name = `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
			self.set(name, (self.get(name) ?? 0) + ms);
			if (functionName !== '(idle)') total += ms;
		});
	}
	const lines = [...self]
		.filter(([name]) => !name.startsWith('(idle)'))
		.sort((a, b) => b[1] - a[1])
		.slice(0, count)
		.map(([name, ms]) => ({ name, self: ms, share: total ? ms / total : 0 }));
	return { lines, totalMs: total, files };
}
