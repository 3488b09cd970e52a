// Draws the unified manifest's two icons from assets/icon-128.png (run once, output committed):
// color 192x192, and outline 32x32 — the white parts of the icon, white on transparent.
// Chromium's canvas does the resampling: `npx tsx scripts/make-m365-icons.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const assets = path.resolve(__dirname, '../assets');

async function main(): Promise<void> {
  const source = `data:image/png;base64,${readFileSync(path.join(assets, 'icon-128.png')).toString('base64')}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    // A string, not a function: tsx's helpers (__name) do not exist in the page.
    const [color, outline] = (await page.evaluate(`(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      function draw(size) {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        const context = canvas.getContext('2d');
        context.imageSmoothingQuality = 'high';
        context.drawImage(image, 0, 0, size, size);
        return { canvas, context };
      }
      const big = draw(192);
      // Outline: opacity from how white a pixel is (the envelope and the tick's circle).
      const small = draw(32);
      const pixels = small.context.getImageData(0, 0, 32, 32);
      const d = pixels.data;
      for (let i = 0; i < d.length; i += 4) {
        const lightness = Math.min(d[i], d[i + 1], d[i + 2]) / 255;
        const alpha = Math.max(0, Math.min(1, (lightness - 0.55) / 0.4)) * (d[i + 3] / 255);
        d[i] = d[i + 1] = d[i + 2] = 255;
        d[i + 3] = Math.round(alpha * 255);
      }
      small.context.putImageData(pixels, 0, 0);
      return [big.canvas.toDataURL('image/png'), small.canvas.toDataURL('image/png')];
    })(${JSON.stringify(source)})`)) as [string, string];
    const save = (name: string, url: string) =>
      writeFileSync(path.join(assets, name), Buffer.from(url.split(',')[1], 'base64'));
    save('icon-color-192.png', color);
    save('icon-outline-32.png', outline);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
