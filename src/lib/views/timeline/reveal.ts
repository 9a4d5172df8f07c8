/**
 * A fix for vis-timeline's loading screen (checked against vis-timeline 8.5).
 *
 * A timeline made with a `start` and `end` keeps its root `visibility: hidden` under its loading
 * screen until a "changed" (the end of a redraw) comes after its first "rangechanged" (Core's
 * constructor sets `initialRangeChangeDone` on "rangechanged"; Timeline's "changed" handler reveals
 * only once that is set). Range fires "rangechanged" 200 ms after the last `setWindow` that moved
 * it, and nothing redraws on it. When the document is already in the page as the timeline is made
 * (a large one fetched before vis-timeline's scripts arrived), the window is set, every redraw
 * happens in the same long task, and the 200 ms timer fires after the last of them: the screen then
 * stayed on top for good (until the user happened to pan). One redraw once the range has settled
 * lets vis-timeline reveal itself by its own rule.
 */

interface TimelineLike {
	on(event: 'rangechanged', listener: () => void): void;
	off(event: 'rangechanged', listener: () => void): void;
	redraw(): void;
}

export function revealWhenSettled(timeline: TimelineLike, container: HTMLElement): void {
	const reveal = () => {
		// Registered after the library's own listener, so the flag it waits for is already set.
		if (container.querySelector(':scope > .vis-loading-screen')) timeline.redraw();
		else timeline.off('rangechanged', reveal);
	};
	timeline.on('rangechanged', reveal);
}
