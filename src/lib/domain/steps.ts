/**
 * Long work in steps: a generator that yields between steps and returns its result. Run at once
 * (the command line, the page, specs), or — on the server, where one request must not hold up the
 * others — with pauses that let other requests be answered in between.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end without pausing. */
export function runAtOnce<T>(steps: Steps<T>): T {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}

/** How long the steps may run before other work gets a turn. */
const SLICE_MS = 25;

/** Runs the steps, giving the event loop a turn whenever they have run for a slice of time. */
export async function runYielding<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
	let since = performance.now();
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
		if (performance.now() - since > sliceMs) {
			// A timer, not a microtask: the event loop goes round once, reading sockets on the way.
			await new Promise((resolve) => setTimeout(resolve, 0));
			since = performance.now();
		}
	}
}

/** How many entities a step handles: small enough to yield often, large enough to cost nothing. */
export const STEP = 256;
