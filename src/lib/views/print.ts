/**
 * Before printing, each view is given its on-screen size and the scale that fits it on the
 * printed page (print.css reads them); afterwards both are taken back.
 */

/** Landscape A4 or Letter with 12 mm margins, in CSS pixels, less room for the title. */
const PAGE = { width: 960, height: 620 };
const VIEWS = ['section[aria-label="Timeline"]', 'section[aria-label="Graph"]'];

/** Sets the print scale of the views on `beforeprint` and clears it on `afterprint`; returns the undo. */
export function installPrintFit(): () => void {
	const before = () => {
		for (const selector of VIEWS) {
			const view = document.querySelector<HTMLElement>(selector);
			if (!view) continue;
			const { width, height } = view.getBoundingClientRect();
			if (!width || !height) continue;
			view.style.setProperty('--print-width', `${width}px`);
			view.style.setProperty('--print-height', `${height}px`);
			view.style.setProperty('--print-scale', String(Math.min(1, PAGE.width / width, PAGE.height / height)));
		}
	};
	const after = () => {
		for (const selector of VIEWS) {
			const view = document.querySelector<HTMLElement>(selector);
			for (const name of ['--print-width', '--print-height', '--print-scale']) view?.style.removeProperty(name);
		}
	};
	addEventListener('beforeprint', before);
	addEventListener('afterprint', after);
	return () => {
		removeEventListener('beforeprint', before);
		removeEventListener('afterprint', after);
	};
}
