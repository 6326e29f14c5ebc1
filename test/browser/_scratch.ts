import { launchBrowser, openPage, startServer, gotoChat, send } from './support.js';
const server = await startServer('theme/app.yaml');
const browser = await launchBrowser();
const { page, errors } = await openPage(browser);
page.on('console', (m) => console.log('console:', m.type(), m.text()));
try {
  await gotoChat(page, server.page('/'));
  console.log(await page.evaluate(() => fetch('/project/settings?language=en-US').then(r => r.json()).then(j => JSON.stringify(j.features))));
  await send(page, 'xss');
  await page.waitForTimeout(2000);
  console.log(await page.locator('.step[data-step-type="assistant_message"]').first().innerHTML());
  await page.screenshot({ path: '/tmp/s3.png' });
} catch (e) { console.log('ERR', e); }
console.log('errors', errors);
await browser.close();
await server.stop();
