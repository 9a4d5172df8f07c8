/**
 * The page runs under its Content-Security-Policy without breaking it: no script asks for eval
 * (`new Function`), inline code or a foreign source on load, nor while the views are used.
 */
import { expect, test, type Page } from '@playwright/test';

/** Collects CSP violations as the page reports them, and the console's CSP errors. */
async function watchViolations(page: Page): Promise<string[]> {
	const seen: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
	});
	await page.exposeFunction('reportViolation', (text: string) => seen.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { reportViolation: (t: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
		});
	});
	return seen;
}

test.describe('content security policy', () => {
	test('the page sends a policy without eval, and loading it and using the views breaks none of it', async ({ page }) => {
		const violations = await watchViolations(page);
		const response = await page.goto('/?select=event:jeddah-talks');
		const policy = response!.headers()['content-security-policy'] ?? '';
		expect(policy).toContain("script-src 'self'");
		expect(policy).not.toContain('unsafe-eval');
		const graph = page.getByRole('region', { name: 'Graph' }).getByRole('application');
		await expect(graph).toHaveAttribute('aria-busy', 'false');
		await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
		// every layout, since each is loaded when chosen
		const layout = page.getByRole('region', { name: 'Graph' }).getByLabel('Layout');
		for (const option of await layout.locator('option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value))) {
			await layout.selectOption(option);
			await expect(graph).toHaveAttribute('data-layout', option);
			await expect(graph).toHaveAttribute('aria-busy', 'false');
		}
		await page.waitForTimeout(300);
		expect(violations).toEqual([]);
	});
});
