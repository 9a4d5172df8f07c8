/**
 * Cleanup that always runs: at the end of a run, when it fails, and on Ctrl-C / SIGTERM. Each task
 * has an async form (normal path) and an optional synchronous fallback for process exit, where
 * nothing can be awaited (e.g. SIGKILL the server, remove the temp folder).
 */

interface Task {
	name: string;
	run: () => Promise<void> | void;
	/** What to do at `process.exit` if `run` has not happened. */
	atExit?: () => void;
}

const tasks: Task[] = [];
let installed = false;
let interrupted = false;

/** Registers a cleanup task; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(name: string, run: Task['run'], atExit?: Task['atExit']): () => Promise<void> {
	install();
	const task: Task = { name, run, atExit };
	tasks.push(task);
	return async () => {
		const i = tasks.indexOf(task);
		if (i < 0) return;
		tasks.splice(i, 1);
		await task.run();
	};
}

/** Runs every pending task, newest first; a failing task does not stop the others. */
export async function runCleanup(): Promise<void> {
	while (tasks.length) {
		const task = tasks.pop()!;
		try {
			await task.run();
		} catch (err) {
			console.error(`cleanup "${task.name}" failed: ${(err as Error).message}`);
		}
	}
}

/** True once Ctrl-C (or SIGTERM/SIGHUP) was received: long loops should stop. */
export function wasInterrupted(): boolean {
	return interrupted;
}

function install() {
	if (installed) return;
	installed = true;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			if (interrupted) {
				// A second Ctrl-C: stop waiting; the exit handler still does the synchronous part.
				process.exit(130);
			}
			interrupted = true;
			console.error(`\n${signal}: stopping the benchmark and cleaning up…`);
			void runCleanup().finally(() => process.exit(130));
		});
	}
	process.on('exit', () => {
		for (const task of tasks.splice(0).reverse()) {
			try {
				task.atExit?.();
			} catch {
				// nothing more can be done at exit
			}
		}
	});
}
