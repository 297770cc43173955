// Screenshots for eyeballing the UI: node e2e/shoot.mjs URL OUT.png [light|dark] [width] [height]
import { chromium } from "playwright-core";
const [url, out, scheme = "light", w = "1280", h = "800"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, colorScheme: scheme });
page.on("console", (m) => { if (m.type() === "error") console.error("console:", m.text()); });
page.on("pageerror", (e) => console.error("pageerror:", e.message));
await page.goto(url);
await page.waitForTimeout(Number(process.env.SHOT_WAIT ?? 1500));
await page.screenshot({ path: out, fullPage: !!process.env.FULL });
await browser.close();
