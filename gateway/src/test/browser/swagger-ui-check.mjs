// Opens the gateway's Swagger UI in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core) and checks what an integrator would check by hand:
//  1. the merged document ("all", the default) lists every service's operations;
//  2. the drop-down has one entry per service, and each lists that service's operations;
//  3. "Authorize" with a bearer token, then "Try it out" on an incident GET goes through the gateway
//     and comes back 200.
// Run: gateway/src/test/browser/run.sh (starts stand-in services and the built gateway), or against
// a running gateway: GATEWAY_URL=http://localhost:8080 TOKEN=$(cat .itsm/admin.token) node swagger-ui-check.mjs
import { chromium } from 'playwright-core';

const base = process.env.GATEWAY_URL ?? 'http://localhost:8080';
const token = process.env.TOKEN;
const expected = {
  incident: '/api/v1/incidents',
  change: '/api/v1/changes',
  catalog: '/api/v1/catalog',
  sla: '/api/v1/sla',
  problem: '/api/v1/problems',
  request: '/api/v1/requests',
  monitoring: '/api/v1/monitoring',
  webhook: '/api/v1/webhooks',
};

let failures = 0;
let passes = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (ok) passes++; else failures++;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/q/swagger-ui/`, { waitUntil: 'networkidle' });

  const operationPaths = async () => {
    await page.waitForSelector('.opblock-summary-path', { timeout: 20000 });
    return page.$$eval('.opblock-summary-path', (els) =>
      els.map((e) => e.getAttribute('data-path') ?? e.textContent.trim()));
  };

  const merged = await operationPaths();
  for (const [service, prefix] of Object.entries(expected)) {
    check(merged.some((p) => p.startsWith(prefix)), `merged document lists ${service} operations (${prefix}…)`);
  }

  const select = page.locator('.topbar select');
  const options = await select.locator('option').allTextContents();
  for (const service of Object.keys(expected)) {
    check(options.includes(service), `drop-down offers "${service}"`);
    if (!options.includes(service)) continue;
    await select.selectOption({ label: service });
    await page.waitForFunction(
      (prefix) => {
        const paths = [...document.querySelectorAll('.opblock-summary-path')]
          .map((e) => e.getAttribute('data-path') ?? e.textContent.trim());
        return paths.length > 0 && paths.every((p) => p.startsWith(prefix));
      },
      expected[service],
      { timeout: 20000 },
    ).then(() => check(true, `"${service}" entry lists only ${expected[service]} operations`),
      () => check(false, `"${service}" entry lists only ${expected[service]} operations`));
  }

  if (token) {
    await select.selectOption({ label: 'all' });
    await page.waitForSelector('.opblock-summary-path');
    await page.click('.btn.authorize');
    await page.fill('.modal-ux input[type=text], .modal-ux input:not([type])', token);
    await page.click('.modal-ux .auth-btn-wrapper .btn.authorize');
    await page.click('.modal-ux .btn-done, .modal-ux .close-modal');
    const op = page.locator('.opblock-get', { has: page.locator('[data-path="/api/v1/incidents"]') }).first();
    await op.locator('.opblock-summary').click();
    await op.locator('.try-out__btn').click();
    await op.locator('.execute').click();
    const status = await op.locator('.live-responses-table tr.response .response-col_status').first()
      .textContent({ timeout: 20000 }).catch(() => '');
    check(status.trim().startsWith('200'), `"Try it out" GET /api/v1/incidents through the gateway → ${status.trim() || 'no answer'}`);
  } else {
    console.log('skip "Try it out": no TOKEN given');
  }
} finally {
  await browser.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
