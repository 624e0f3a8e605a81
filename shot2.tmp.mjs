import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
await page.goto('http://localhost:3000/vi/status');
await page.fill('#number', '10001/ZK-2026'); await page.fill('#birth', '2'); await page.fill('#birth-month', '11'); await page.fill('#birth-year', '1985');
await page.click('button[type=submit]'); await page.waitForLoadState('networkidle');
await page.screenshot({ path: '/tmp/vi-result.png', fullPage: true });
const email = page.locator('input[type=email]');
if (await email.count()) { await email.fill('mai@example.com'); await email.press('Enter'); await page.waitForLoadState('networkidle'); await page.screenshot({ path: '/tmp/vi-alert.png', fullPage: true }); }
await page.goto('http://localhost:3000/vi/dev/mailbox'); await page.screenshot({ path: '/tmp/vi-mailbox.png', fullPage: true });
await browser.close();
