import { launchBrowser, openPage, startServer, gotoChat, send } from './support.js';
const server = await startServer('/work/main/manifests/app.yaml');
const browser = await launchBrowser();
const { page, errors } = await openPage(browser);
page.on('console', (m) => console.log('console:', m.type(), m.text()));
try {
  await page.goto(server.page('/'));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/s1.png' });
  await gotoChat(page, server.page('/'));
  await send(page, 'hello there friend');
  await page.waitForTimeout(3000);
  await page.screenshot({ path: '/tmp/s2.png' });
  console.log(await page.locator('.step').count(), await page.locator('.step').allTextContents());
} catch (e) { console.log('ERR', e); await page.screenshot({ path: '/tmp/s2.png' }); }
console.log('errors', errors);
await browser.close();
await server.stop();
