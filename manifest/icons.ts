/**
 * The app icons, drawn in code so they can be regenerated and reviewed as a diff
 * (`npx tsx manifest/make-icons.ts`). The symbol: a dot (the young person) followed by an
 * arrow (the referral going on to a NAFT partner).
 */
import type { RgbaImage } from './png.ts';

/** Also the manifest's accentColor: Teams shows it behind the colour icon. */
export const ACCENT_COLOR = '#2B6F8E';

interface Point {
  x: number;
  y: number;
}

/** The symbol in a unit square; each stroke is a round-capped segment of the same width. */
const STROKE_HALF_WIDTH = 0.07;
const DOT = { center: { x: 0.13, y: 0.5 }, radius: 0.13 };
const STROKES: ReadonlyArray<readonly [Point, Point]> = [
  [{ x: 0.4, y: 0.5 }, { x: 0.92, y: 0.5 }], // shaft
  [{ x: 0.66, y: 0.24 }, { x: 0.92, y: 0.5 }], // upper barb
  [{ x: 0.66, y: 0.76 }, { x: 0.92, y: 0.5 }], // lower barb
];

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const abx = b.x - a.x;
  const aby = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * abx + (p.y - a.y) * aby) / (abx * abx + aby * aby)));
  return Math.hypot(p.x - (a.x + t * abx), p.y - (a.y + t * aby));
}

function insideSymbol(p: Point): boolean {
  if (Math.hypot(p.x - DOT.center.x, p.y - DOT.center.y) <= DOT.radius) return true;
  return STROKES.some(([a, b]) => distanceToSegment(p, a, b) <= STROKE_HALF_WIDTH);
}

/**
 * Fraction (0..1) of each pixel covered by the symbol, with 4x4 supersampling for smooth
 * edges. The symbol occupies a square of `symbolSize` pixels centred in the image.
 */
function symbolCoverage(size: number, symbolSize: number): Float64Array {
  const SAMPLES = 4;
  const offset = (size - symbolSize) / 2;
  const coverage = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const p = {
            x: (x + (sx + 0.5) / SAMPLES - offset) / symbolSize,
            y: (y + (sy + 0.5) / SAMPLES - offset) / symbolSize,
          };
          if (insideSymbol(p)) hits++;
        }
      }
      coverage[y * size + x] = hits / (SAMPLES * SAMPLES);
    }
  }
  return coverage;
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/**
 * 192x192, full bleed accent colour with a white symbol in the central 96x96 area, as Teams'
 * icon guidelines ask (Teams rounds the corners itself).
 */
export function drawColorIcon(): RgbaImage {
  const size = 192;
  const coverage = symbolCoverage(size, 96);
  const background = hexToRgb(ACCENT_COLOR);
  const rgba = new Uint8Array(size * size * 4);
  coverage.forEach((c, i) => {
    for (let channel = 0; channel < 3; channel++) {
      rgba[i * 4 + channel] = Math.round((background[channel] ?? 0) * (1 - c) + 255 * c);
    }
    rgba[i * 4 + 3] = 255;
  });
  return { width: size, height: size, rgba };
}

/** 32x32, white on transparent (Teams' rule for outline icons), nearly edge to edge. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const coverage = symbolCoverage(size, 30);
  const rgba = new Uint8Array(size * size * 4);
  coverage.forEach((c, i) => {
    rgba.fill(255, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = Math.round(255 * c);
  });
  return { width: size, height: size, rgba };
}
