/**
 * How the sync client reaches the server, as an interface so the unit specs can run the sync
 * client against an in-memory server (src/lib/test-data/memory-server.ts) and the page against
 * HTTP (http-transport.ts). A transport does no retrying, ordering or state of its own: the sync
 * client decides what a failure means.
 */
import type { Change } from '$lib/domain/changes';
import type { Issue } from '$lib/domain/errors';
import type { Op } from '$lib/domain/ops';
import type { ImportReport } from '$lib/domain/formats/run-import';
import type { HistoryEntry } from '$lib/domain/history';
import type { CausewayDocument, CollectionName } from '$lib/domain/schema';

/** A change the server committed, at the document revision it made. */
export interface Committed {
	revision: number;
	change: Change;
	title?: string;
}

/** An edit the server refused, with its reason (status as HTTP has it: 412 stale, 409 conflict, 401 signed out, …). */
export class EditError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly issues?: Issue[],
		readonly current?: unknown
	) {
		super(message);
		this.name = 'EditError';
	}
}

/** The server could not be reached, or its answer was lost: whether it committed is unknown. */
export class Unreachable extends Error {
	constructor(message = 'the server could not be reached') {
		super(message);
		this.name = 'Unreachable';
	}
}

/** What the change stream tells its follower. */
export interface StreamListener {
	change(committed: Committed): void;
	/** The server cannot replay what was missed: load the document again. */
	reset(): void;
	/** The stream is up (true) or down and reconnecting (false). */
	status(up: boolean): void;
}

export interface Transport {
	/** Commits operations, all or nothing. Throws EditError when refused, Unreachable when the answer did not come. */
	send(ops: Op[]): Promise<Committed>;
	/** The whole document as the server has it now. Throws EditError or Unreachable. */
	load(): Promise<CausewayDocument>;
	/** Follows committed changes after `since`; returns the function that stops. */
	follow(since: number, listener: StreamListener): () => void;
	/** Sends a file to import (or, with dryRun, to check); `progress` hears how much is uploaded (0–1, null when unknown). */
	importFile(file: Blob, request: ImportFileRequest, progress?: (fraction: number | null) => void): Promise<ImportReport>;
	/** The session ended (401): take the user to sign in again. */
	signIn(): void;
	/** An entity's history from the server's change log, newest first. Throws EditError or Unreachable. */
	history(collection: CollectionName, id: string): Promise<HistoryEntry[]>;
}

export interface ImportFileRequest {
	mode: 'merge' | 'replace';
	dryRun: boolean;
	contentType: string;
	/** For another tool's file: the mapping (`title=Headline,…`), the graph chosen, and agreement to leave out what cannot be imported. */
	map?: string;
	graph?: number;
	skipInvalid?: boolean;
}
