// The dashboard in a real browser (Debian's chromium through playwright-core, CHROMIUM_PATH):
// log in, see the open positions, open a signal's chart, close a position, reset the kill switch;
// and markup planted in a symbol name, a rule's verdict and an LLM answer shows as text and runs
// nothing. Screenshots go to test-artifacts/dashboard/ (git-ignored).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from '../api/test-support/api-harness.js';
import { runDemoUntil } from '../run/demo/test-support/drive.js';
import { schema } from '../store/index.js';
import { ROOT } from '../test-support/cli.js';
import { describeWithService } from '../test-support/services.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'dashboard');
const XSS = '<img src=x onerror="window.__xss=1">';

describeWithService('CHROMIUM_PATH', 'the dashboard in chromium', (chromiumPath) => {
  let h: ApiHarness;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const varDir = mkdtempSync(join(tmpdir(), 'divbot-browser-var-'));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startApiHarness({ hours: 48, env: { VAR_DIR: varDir } });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => cspViolations.push(`page error: ${e.message}`));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    rmSync(varDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('logs in and shows the open positions and the equity chart', async () => {
    await page.goto(h.url);
    await page.locator('#login input[name=password]').fill('wrong password!');
    await page.locator('#login button[type=submit]').click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('wrong user name or password');
    await page.locator('#login input[name=password]').fill(h.password);
    await page.locator('#login button[type=submit]').click();
    await page.locator('#trading-state').waitFor();
    expect(await page.locator('#trading-state').textContent()).toBe('ACTIVE');
    const open = h.session.engine.active().length;
    expect(open, 'the demo has an open position after 48 hours').toBeGreaterThan(0);
    expect(await page.locator('#positions tbody tr').count()).toBe(open);
    await page.locator('#equity canvas').first().waitFor();
    await shot('overview');
    expect(cspViolations).toEqual([]);
  }, 60_000);

  it("opens a signal's chart", async () => {
    await page.goto(`${h.url}/#/overview`);
    const link = page.locator('#positions a[href^="#/signals/"]').first();
    const href = await link.getAttribute('href');
    await page.goto(`${h.url}/#/signals`);
    await page.locator('#signals tbody tr').first().waitFor();
    await page.goto(`${h.url}/${href}`);
    await page.locator('#signal-chart canvas').first().waitFor();
    expect(await page.locator('#verdicts tbody tr').count()).toBe(15);
    await shot('signal-chart');
    expect(cspViolations).toEqual([]);
  }, 60_000);

  it('closes a position', async () => {
    await page.goto(`${h.url}/#/overview`);
    await page.locator('#positions tbody tr').first().waitFor();
    const before = await page.locator('#positions tbody tr').count();
    const symbol = await page.locator('#positions button.close').first().getAttribute('data-symbol');
    await page.locator('#positions button.close').first().click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain(`close ${symbol}: done`);
    // The market close fills at the venue's next bar: the demo moves on an hour.
    await runDemoUntil(h.session, h.session.clock.now() + 3_600_000);
    expect(h.session.engine.active().some((p) => p.symbol === symbol)).toBe(false);
    await page.reload();
    await page.locator('#trading-state').waitFor();
    await expect.poll(() => page.locator('#positions tbody tr').count()).toBeLessThan(before);
    await shot('closed');
  }, 60_000);

  it('resets the kill switch with a reason', async () => {
    await h.control.command('trip', 'browser test trip');
    await page.goto(`${h.url}/#/overview`);
    await page.reload();
    await expect.poll(() => page.locator('#trading-state').textContent()).toBe('HALTED');
    await page.locator('#reset-form input[name=reason]').fill('checked by the browser test');
    await page.locator('#reset').click();
    await expect.poll(() => page.locator('#trading-state').textContent()).toBe('ACTIVE');
    expect(h.session.risk.tradingState.state).toBe('ACTIVE');
    await shot('reset');
  }, 60_000);

  it('disables an instrument and sets its risk multiplier; lists orders and trades with CSV links', async () => {
    await page.goto(`${h.url}/#/instruments`);
    const row = page.locator('#instruments tbody tr', { hasText: 'BTC/USDT' });
    await row.locator('button[data-symbol="BTC/USDT"]').click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('disable BTC/USDT: done');
    await expect.poll(() => row.textContent()).toContain('disabled');
    await row.locator('input[type=number]').fill('0.5');
    await row.locator('form button').click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('risk BTC/USDT: done');
    expect(h.session.controls.control('BTC/USDT' as never)).toEqual({ disabled: true, riskMultiplier: 0.5 });
    await shot('instruments');
    await page.goto(`${h.url}/#/orders`);
    await page.locator('#orders tbody tr').first().waitFor();
    expect(await page.locator('#trades tbody tr').count()).toBeGreaterThan(0);
    const csv = await page.evaluate(async () => (await fetch('/api/v1/fills.csv')).text());
    expect(csv.split('\r\n')[0]).toMatch(/^id,at,broker,symbol/);
    await shot('orders');
  }, 60_000);

  it('shows rule efficacy (a row per rule) and the saved backtest reports, which run sandboxed', async () => {
    await page.goto(`${h.url}/#/rules`);
    await page.locator('#rules tbody tr').first().waitFor();
    expect(await page.locator('#rules tbody tr').count()).toBe(15);
    expect(await page.locator('#rules tbody tr').nth(2).textContent()).toMatch(/^2/);
    await shot('rules');
    mkdirSync(join(varDir, 'reports'), { recursive: true });
    writeFileSync(
      join(varDir, 'reports', 'btc-2026.html'),
      '<!doctype html><body><p>report</p><script>let c; try { c = document.cookie; } catch { c = "blocked"; } document.body.dataset.cookie = c; document.body.dataset.origin = origin;</script></body>',
    );
    await page.goto(`${h.url}/#/backtests`);
    const link = page.locator('#backtests tbody tr a', { hasText: 'btc-2026.html' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/api/v1/backtests/btc-2026.html');
    await shot('backtests');
    expect(cspViolations).toEqual([]);
    const report = await browser.newPage();
    try {
      // The session cookie goes with the same-site navigation, yet the report's script runs in an
      // opaque origin: no cookie, no dashboard origin.
      const context = page.context();
      await report.context().addCookies(await context.cookies());
      await report.goto(`${h.url}/api/v1/backtests/btc-2026.html`);
      await expect.poll(() => report.locator('body').getAttribute('data-origin')).toBe('null');
      expect(await report.locator('body').getAttribute('data-cookie')).toBe('blocked');
    } finally {
      await report.close();
    }
  }, 60_000);

  it('shows markup in symbols, verdicts and LLM answers as text, running nothing', async () => {
    const { signals, llmCalls } = schema;
    const [llm] = await h.session.store.db
      .insert(llmCalls)
      .values({
        requestHash: 'xss-test',
        model: `claude ${XSS}`,
        request: {},
        response: { reason: `<script>window.__xss=2</script>${XSS}` },
        status: 'ok',
        latencyMs: 1,
        recordedAt: 0,
      })
      .returning();
    const verdicts = Array.from({ length: 15 }, (_, i) => ({
      rule: i,
      name: i === 3 ? XSS : `rule ${i}`,
      status: 'fail' as const,
      value: XSS,
      threshold: null,
    }));
    const [sig] = await h.session.store.db
      .insert(signals)
      .values({
        runId: 'xss',
        mode: 'dev',
        symbol: XSS,
        timeframe: '1h',
        type: 'regular_bullish',
        direction: 'long',
        pivot1Time: h.session.from - 7_200_000,
        pivot2Time: h.session.from - 3_600_000,
        confirmTime: h.session.from,
        pivot1Price: '1',
        pivot2Price: '2',
        knownAt: h.session.clock.now() + 3_600_000,
        score: 1,
        verdicts,
        rejectedBy: '0',
        accepted: false,
        llmCallId: llm!.id,
        candidate: {},
      })
      .returning();
    await page.goto(`${h.url}/#/signals`);
    await page.locator('#signals tbody tr').first().waitFor();
    expect(await page.locator('#signals tbody tr').first().textContent()).toContain(XSS);
    await page.goto(`${h.url}/#/signals/${sig!.id}`);
    await page.locator('#llm').waitFor();
    expect(await page.locator('h1').textContent()).toContain(XSS);
    expect(await page.locator('#llm').textContent()).toContain('<script>window.__xss=2</script>');
    expect(await page.locator('#verdicts').textContent()).toContain(XSS);
    expect(await page.locator('img').count(), 'no planted <img> became an element').toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    await shot('inert-markup');
  }, 60_000);
});
