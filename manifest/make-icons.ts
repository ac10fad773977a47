/**
 * Regenerates manifest/color.png and manifest/outline.png from icons.ts:
 *   npx tsx manifest/make-icons.ts
 * The PNGs are committed, so building the app package never depends on this script.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './icons.ts';
import { encodePng } from './png.ts';

const targets = [
  { file: 'color.png', image: drawColorIcon() },
  { file: 'outline.png', image: drawOutlineIcon() },
];

for (const { file, image } of targets) {
  const path = join(import.meta.dirname, file);
  writeFileSync(path, encodePng(image));
  console.log(`Wrote ${path} (${image.width}x${image.height})`);
}
