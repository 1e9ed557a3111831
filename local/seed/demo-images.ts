import { crc32, deflateSync } from 'node:zlib';

/**
 * Demo product pictures: a card tinted by category, with the category in a band and the
 * title below, in 5×7 block letters. A palette PNG (one byte a pixel, four colours) keeps each
 * card a few kilobytes and a few hundred microseconds to make, so the 3,000-product seed can
 * afford one per product.
 */
export const CARD_WIDTH = 320;
export const CARD_HEIGHT = 240;

const BACKGROUND = 0;
const BAND = 1;
const LIGHT = 2;
const DARK = 3;

// Rows of 5 pixels, top to bottom, high bit on the left.
const GLYPHS: Record<string, number[]> = {
  A: [0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
  B: [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
  C: [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e],
  D: [0x1e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1e],
  E: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f],
  F: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10],
  G: [0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f],
  H: [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
  I: [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e],
  J: [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c],
  K: [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
  L: [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f],
  M: [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11],
  N: [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
  O: [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  P: [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10],
  Q: [0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d],
  R: [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11],
  S: [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e],
  T: [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
  U: [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  V: [0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04],
  W: [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a],
  X: [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11],
  Y: [0x11, 0x11, 0x0a, 0x04, 0x04, 0x04, 0x04],
  Z: [0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f],
  '0': [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e],
  '1': [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e],
  '2': [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f],
  '3': [0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e],
  '4': [0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02],
  '5': [0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e],
  '6': [0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e],
  '7': [0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
  '8': [0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e],
  '9': [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c],
  '-': [0, 0, 0, 0x1f, 0, 0, 0],
  '.': [0, 0, 0, 0, 0, 0x0c, 0x0c],
  ',': [0, 0, 0, 0, 0x0c, 0x04, 0x08],
  "'": [0x04, 0x04, 0x08, 0, 0, 0, 0],
  '&': [0x0c, 0x12, 0x14, 0x08, 0x15, 0x12, 0x0d],
  '/': [0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x10],
  '"': [0x0a, 0x0a, 0, 0, 0, 0, 0],
};

/** One tint per category, the same on every run: a hue from the slug's hash. */
export function categoryTint(category: string): [number, number, number] {
  const hue = (crc32(category) % 360) / 360;
  return hslToRgb(hue, 0.45, 0.82);
}

/** A card for a product: its category in a darker band, its title in up to five lines. */
export function productCardPng(category: string, title: string): Buffer {
  const pixels = new Uint8Array(CARD_WIDTH * CARD_HEIGHT).fill(BACKGROUND);
  const fill = (x0: number, y0: number, w: number, h: number, colour: number) => {
    for (let y = y0; y < y0 + h; y++) pixels.fill(colour, y * CARD_WIDTH + x0, y * CARD_WIDTH + x0 + w);
  };
  const text = (line: string, x0: number, y0: number, scale: number, colour: number) => {
    [...line.toUpperCase()].forEach((char, i) => {
      const rows = GLYPHS[char];
      if (!rows) return;
      rows.forEach((bits, row) => {
        for (let col = 0; col < 5; col++)
          if (bits & (0x10 >> col)) fill(x0 + (i * 6 + col) * scale, y0 + row * scale, scale, scale, colour);
      });
    });
  };
  fill(0, 0, CARD_WIDTH, 40, BAND);
  text(category.replace(/-/g, ' ').slice(0, 24), 12, 13, 2, LIGHT);
  const lines = wrap(title, Math.floor((CARD_WIDTH - 24) / 12)).slice(0, 5);
  for (const [i, line] of lines.entries()) text(line, 12, 64 + i * 30, 2, DARK);
  fill(0, CARD_HEIGHT - 8, CARD_WIDTH, 8, BAND);

  const [r, g, b] = categoryTint(category);
  const palette = Buffer.from([r, g, b, r * 0.55, g * 0.55, b * 0.55, 255, 255, 255, 40, 40, 48]);
  return encodePalettePng(CARD_WIDTH, CARD_HEIGHT, palette, pixels);
}

/** Words onto lines of at most `width` characters; a word longer than a line is cut. */
function wrap(title: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) line = next;
    else {
      if (line) lines.push(line);
      line = word.slice(0, width);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A PNG of colour type 3 (palette), bit depth 8: signature, IHDR, PLTE, IDAT, IEND. */
export function encodePalettePng(width: number, height: number, palette: Buffer, pixels: Uint8Array): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h * 12) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}
