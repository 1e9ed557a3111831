import { crc32, inflateSync } from 'node:zlib';
import { CARD_HEIGHT, CARD_WIDTH, categoryTint, productCardPng } from '../../../local/seed/demo-images';

/** The chunks of a PNG, each with its CRC checked. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  const found: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typed));
    found.push({ type: typed.subarray(0, 4).toString('ascii'), data: typed.subarray(4) });
    at += 12 + length;
  }
  return found;
}

describe('demo product cards', () => {
  it('are valid palette PNGs of the card size, tinted by category, with the title drawn', () => {
    const png = productCardPng('kitchen', 'Northwind Kettle 1.7 L');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [header, palette, ...rest] = chunks(png);
    expect(header!.type).toBe('IHDR');
    expect(header!.data.readUInt32BE(0)).toBe(CARD_WIDTH);
    expect(header!.data.readUInt32BE(4)).toBe(CARD_HEIGHT);
    expect([...header!.data.subarray(8)]).toEqual([8, 3, 0, 0, 0]);
    expect(palette!.type).toBe('PLTE');
    expect([...palette!.data.subarray(0, 3)]).toEqual(categoryTint('kitchen'));
    expect(rest.map((chunk) => chunk.type)).toEqual(['IDAT', 'IEND']);
    const raw = inflateSync(rest[0]!.data);
    expect(raw).toHaveLength((CARD_WIDTH + 1) * CARD_HEIGHT);
    // Text pixels (palette index 3) exist in the title area, none in an empty card.
    const titleArea = raw.subarray(64 * (CARD_WIDTH + 1), 90 * (CARD_WIDTH + 1));
    expect(titleArea.includes(3)).toBe(true);
    const blank = inflateSync(chunks(productCardPng('kitchen', ''))[2]!.data);
    expect(blank.subarray(64 * (CARD_WIDTH + 1), 90 * (CARD_WIDTH + 1)).includes(3)).toBe(false);
  });

  it('give different categories different tints', () => {
    expect(categoryTint('kitchen')).not.toEqual(categoryTint('books'));
  });
});
