/**
 * Labels that run past the end of a short range (checked against vis-timeline 8.5).
 *
 * A month is a narrow band at most zooms, and its event's title does not fit inside it. With the
 * item's frame set to `overflow: visible` (timeline.css), vis-timeline lets the label run on, but it
 * then stacks the item as if the label came after the band (band + label), which wastes a row on
 * every month-long event. The label starts where the band does, so the item really takes the
 * wider of the two (or, when the band starts left of the window and the label is moved into view,
 * the band or the label's end, whichever is further).
 */

interface RangeItemLike {
	overflow: boolean;
	left: number;
	width: number;
	props: { content: { width: number } };
	conversion: { toScreen(date: unknown): number };
	data: { start: unknown; end: unknown };
}

type RepositionX = (this: RangeItemLike, limitSize?: boolean) => void;
const patched = new WeakSet<object>();

/** Patches the range items of `timeline` in place; does nothing if their shape is not the one known. */
export function stackRangeLabelsTightly(timeline: unknown): void {
	const types = (timeline as { itemSet?: { constructor?: { types?: { range?: { prototype?: { repositionX?: RepositionX } } } } } }).itemSet?.constructor?.types;
	const proto = types?.range?.prototype;
	const original = proto?.repositionX;
	if (!proto || typeof original !== 'function' || patched.has(proto)) return;
	patched.add(proto);
	proto.repositionX = function (this: RangeItemLike, limitSize?: boolean) {
		original.call(this, limitSize);
		if (!this.overflow || typeof this.props?.content?.width !== 'number') return;
		const start = this.conversion.toScreen(this.data.start);
		const end = this.conversion.toScreen(this.data.end);
		const labelEnd = Math.max(start, 0) + this.props.content.width;
		this.width = Math.max(Math.max(end, labelEnd) - this.left, 1);
	};
}
