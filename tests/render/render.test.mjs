// Rendering check: `sentier map` serves a synthetic relief and two treks;
// headless Chromium (Debian's) loads the page with MapLibre GL JS, every tile
// answered must be 200 or 204, the map must go idle, the view must frame the
// selected trek (in a corner of the relief, so the basemap's center would
// miss it), the legend must name the symbols, and the screenshot (kept under
// the target dir) must show relief and the highlighted trek. Zoomed in on a
// POI, its icon (from the served sprite) and its name (in glyphs the core
// makes from its bundled font) must be drawn, with no glyph or image missing.
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

// A POI beside the selected trek, its name with the accents labels must carry.
const poi = { name: 'Lac de Sérénité', coordinates: [6.1, 44.655] };
const pois = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', id: 31, properties: { id: 31, name: poi.name }, geometry: { type: 'Point', coordinates: poi.coordinates } }],
};
const labelsScreenshotPath = join(target, 'render', 'map-labels.png');

/** Starts `sentier map --json` and resolves with its announced URLs. */
function startMap(dir) {
  const treksFile = join(dir, 'treks.geojson');
  const poisFile = join(dir, 'pois.geojson');
  writeFileSync(treksFile, JSON.stringify(treks));
  writeFileSync(poisFile, JSON.stringify(pois));
  const child = spawn(sentier, ['map', '--json', '--treks', treksFile, '--pois', poisFile, '--trek', '1',
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

/**
 * What a PNG shows, decoded by the browser itself: pixel statistics of the
 * whole picture and, around a POI at `point` (CSS pixels) when given,
 * `icon`, the pixels of the placeholder pictogram's colour within 12 px of
 * the point, and `labelInk` / `labelHalo`, the dark grey text and its white
 * halo in the band under the icon where the label is written.
 */
async function pixelStats(page, png, point = null) {
  return page.evaluate(async ([base64, at]) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const near = ([r, g, b], [R, G, B], tolerance) => Math.abs(r - R) + Math.abs(g - G) + Math.abs(b - B) < tolerance;
    const colors = new Set();
    let background = 0;
    let selectedTrek = 0;
    for (let i = 0; i < data.length; i += 4) {
      const colour = [data[i], data[i + 1], data[i + 2]];
      colors.add((colour[0] << 16) | (colour[1] << 8) | colour[2]);
      if (near(colour, [0xf2, 0xef, 0xe9], 6)) background++;
      if (near(colour, [0x15, 0x65, 0xc0], 40)) selectedTrek++;
    }
    const pixels = data.length / 4;
    const stats = { pixels, distinctColors: colors.size, backgroundShare: background / pixels, selectedTrek };
    if (!at) return stats;
    const pixel = (x, y) => { const i = (y * image.width + x) * 4; return [data[i], data[i + 1], data[i + 2]]; };
    const [cx, cy] = [Math.round(at.x), Math.round(at.y)];
    let icon = 0;
    let labelInk = 0;
    let labelHalo = 0;
    for (let y = cy - 12; y <= cy + 12; y++) {
      for (let x = cx - 12; x <= cx + 12; x++) {
        // The placeholder pictogram (no pictogram here): a #6d4c41 disc.
        if (near(pixel(x, y), [0x6d, 0x4c, 0x41], 40)) icon++;
      }
    }
    for (let y = cy + 8; y <= cy + 40; y++) {
      for (let x = cx - 80; x <= cx + 80; x++) {
        // Anti-aliased strokes: dark enough is ink, near white is halo.
        if (near(pixel(x, y), [0x33, 0x33, 0x33], 120)) labelInk++;
        if (near(pixel(x, y), [0xff, 0xff, 0xff], 30)) labelHalo++;
      }
    }
    return { ...stats, icon, labelInk, labelHalo };
  }, [png.toString('base64'), point]);
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
    // MapLibre warns on the console when a glyph range or a sprite image is missing.
    const warnings = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
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

    // Zoomed in on the POI, past the clusters: its icon and its name are drawn.
    const zoom = 15;
    await page.evaluate(([center, z]) => new Promise((done) => {
      window.sentierMap.once('idle', done);
      window.sentierMap.jumpTo({ center, zoom: z });
    }), [poi.coordinates, zoom]);
    const drawn = await page.evaluate(([center]) => {
      const map = window.sentierMap;
      const point = map.project(center);
      const features = map.queryRenderedFeatures(
        [[point.x - 20, point.y - 20], [point.x + 20, point.y + 40]], { layers: ['overlay-pois'] });
      return { point: { x: point.x, y: point.y }, names: features.map((f) => f.properties.name),
        images: map.listImages().length };
    }, [poi.coordinates]);
    assert.deepEqual(drawn.names, [poi.name], `the POI is not drawn at ${JSON.stringify(drawn)}`);
    const labelsPng = await page.screenshot({ path: labelsScreenshotPath });
    const marks = await pixelStats(page, labelsPng, drawn.point);
    console.log(`screenshot ${labelsScreenshotPath}: ${JSON.stringify(marks)}`);
    assert.ok(marks.icon > 40, `no icon at the POI: ${JSON.stringify(marks)} ${JSON.stringify(drawn)} ${warnings}`);
    assert.ok(marks.labelInk > 60, `no label under the POI: ${JSON.stringify(marks)}`);
    assert.ok(marks.labelHalo > 60, `the label has no halo: ${JSON.stringify(marks)}`);
    assert.deepEqual(warnings.filter((w) => /glyph|font|image|sprite/i.test(w)), [],
      'MapLibre missed glyphs or images');
    assert.deepEqual(failures, [], 'failed requests after zooming in');
  } finally {
    await browser.close();
    child.kill('SIGINT');
    rmSync(dir, { recursive: true, force: true });
  }
});
