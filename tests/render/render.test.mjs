// Rendering check: `sentier map` serves a synthetic relief and two treks;
// headless Chromium (Debian's) loads the page with MapLibre GL JS, every tile
// answered must be 200 or 204, the map must go idle, the view must frame the
// selected trek (in a corner of the relief, so the basemap's center would
// miss it), the legend must name the symbols, and the screenshot (kept under
// the target dir) must show relief and the highlighted trek.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const target = process.env.CARGO_TARGET_DIR || join(repo, 'target');
const sentier = process.env.SENTIER_BIN || join(target, 'debug', 'sentier');
const screenshotPath = join(target, 'render', 'map.png');

const treks = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 1, properties: {}, geometry: { type: 'LineString', coordinates: [[6.05, 44.63], [6.09, 44.66], [6.13, 44.68]] } },
    { type: 'Feature', id: 2, properties: {}, geometry: { type: 'LineString', coordinates: [[6.22, 44.84], [6.38, 44.76]] } },
  ],
};

/** Starts `sentier map --json` and resolves with its announced URLs. */
function startMap(dir) {
  const treksFile = join(dir, 'treks.geojson');
  writeFileSync(treksFile, JSON.stringify(treks));
  const child = spawn(sentier, ['map', '--json', '--treks', treksFile, '--trek', '1',
    '--maplibre', join(here, 'node_modules', 'maplibre-gl', 'dist')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveUrls, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`sentier map exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) resolveUrls({ child, urls: JSON.parse(line) });
    });
  });
}

/** Pixel statistics of a PNG, decoded by the browser itself. */
async function pixelStats(page, png) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const colors = new Set();
    let background = 0;
    let selectedTrek = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      colors.add((r << 16) | (g << 8) | b);
      if (Math.abs(r - 0xf2) + Math.abs(g - 0xef) + Math.abs(b - 0xe9) < 6) background++;
      if (Math.abs(r - 0x15) + Math.abs(g - 0x65) + Math.abs(b - 0xc0) < 40) selectedTrek++;
    }
    const pixels = data.length / 4;
    return { pixels, distinctColors: colors.size, backgroundShare: background / pixels, selectedTrek };
  }, png.toString('base64'));
}

test('MapLibre renders the offline relief and the selected trek from the tile server', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sentier-render-'));
  const { child, urls } = await startMap(dir);
  const browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 800, height: 600 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = browser.pages()[0] || await browser.newPage();
    const tileStatuses = [];
    const failures = [];
    page.on('response', (response) => {
      if (response.url().includes('/tiles/') && !response.url().endsWith('.json')) tileStatuses.push(response.status());
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    await page.goto(urls.map);
    await page.waitForFunction(() => window.sentierIdle === true, null, { timeout: 90_000 });
    const errors = await page.evaluate(() => window.sentierErrors || []);

    // The selected trek is framed: inside the view, and filling a good part of it.
    const view = await page.evaluate(() => {
      const bounds = window.sentierMap.getBounds();
      return { west: bounds.getWest(), south: bounds.getSouth(), east: bounds.getEast(), north: bounds.getNorth() };
    });
    const coords = treks.features[0].geometry.coordinates;
    const trek = {
      west: Math.min(...coords.map((c) => c[0])), east: Math.max(...coords.map((c) => c[0])),
      south: Math.min(...coords.map((c) => c[1])), north: Math.max(...coords.map((c) => c[1])),
    };
    assert.ok(trek.west > view.west && trek.east < view.east && trek.south > view.south && trek.north < view.north,
      `trek ${JSON.stringify(trek)} not inside the view ${JSON.stringify(view)}`);
    const share = Math.max((trek.east - trek.west) / (view.east - view.west), (trek.north - trek.south) / (view.north - view.south));
    assert.ok(share > 0.5, `the trek fills only ${share.toFixed(2)} of the view ${JSON.stringify(view)}`);
    const legend = await page.textContent('#legend');
    for (const label of ['Selected trek', 'Trek', 'Point of interest', 'Signpost', 'Sensitive area']) {
      assert.ok(legend.includes(label), `legend without ${label}: ${legend}`);
    }
    assert.deepEqual(errors, [], 'MapLibre reported errors');
    assert.deepEqual(failures, [], 'failed requests');
    assert.ok(tileStatuses.length >= 4, `only ${tileStatuses.length} tiles requested`);
    assert.ok(tileStatuses.every((s) => s === 200 || s === 204), `tile statuses ${tileStatuses}`);
    assert.ok(tileStatuses.filter((s) => s === 200).length >= 4, `tile statuses ${tileStatuses}`);

    mkdirSync(dirname(screenshotPath), { recursive: true });
    const png = await page.screenshot({ path: screenshotPath });
    const stats = await pixelStats(page, png);
    console.log(`screenshot ${screenshotPath}: ${JSON.stringify(stats)}`);
    assert.ok(stats.distinctColors > 200, `a flat picture: ${stats.distinctColors} colors`);
    assert.ok(stats.backgroundShare < 0.2, `mostly background: ${stats.backgroundShare}`);
    assert.ok(stats.selectedTrek > 300, `selected trek barely visible: ${stats.selectedTrek} pixels`);
  } finally {
    await browser.close();
    child.kill('SIGINT');
    rmSync(dir, { recursive: true, force: true });
  }
});
