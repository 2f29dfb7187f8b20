import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatValue, imageBundle, imageSize, sniffImage } from '../../../src/display/formatters/index.js';

/** PNG signature + IHDR chunk header with the given size (enough for sniffing and sizing). */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

/** JPEG: SOI, an APP0 segment of length 16, then SOF0 with height and width. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0)];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 3, ...new Array(9).fill(0)];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0]);
}

const gifHeader = (width: number, height: number) => new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, width & 255, width >> 8, height & 255, height >> 8, 0, 0, 0]);

test('sniffImage and imageSize read PNG, JPEG and GIF headers', () => {
  assert.equal(sniffImage(pngHeader(3, 2)), 'image/png');
  assert.deepEqual(imageSize(pngHeader(640, 480), 'image/png'), { width: 640, height: 480 });
  assert.equal(sniffImage(jpegHeader(10, 20)), 'image/jpeg');
  assert.deepEqual(imageSize(jpegHeader(300, 200), 'image/jpeg'), { width: 300, height: 200 });
  assert.equal(sniffImage(gifHeader(1, 1)), 'image/gif');
  assert.deepEqual(imageSize(gifHeader(258, 3), 'image/gif'), { width: 258, height: 3 });
  assert.equal(sniffImage(new Uint8Array([1, 2, 3, 4])), undefined);
});

test('formatValue: image bytes (Buffer, Uint8Array, ArrayBuffer) become base64 images with a text line', () => {
  const png = pngHeader(640, 480);
  const bundle = formatValue(png)!;
  assert.equal(Buffer.from(bundle['image/png'] as string, 'base64').equals(png), true);
  assert.equal(bundle['text/plain'], '<PNG image 640×480, 33 B>');
  const jpeg = jpegHeader(30, 20);
  assert.equal(formatValue(jpeg.buffer)!['text/plain'], `<JPEG image 30×20, ${jpeg.length} B>`);
  assert.ok('image/gif' in formatValue(gifHeader(2, 2))!);
});

test('imageBundle: from a path (type from signature or extension), SVG as text; errors say what to pass', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whetstone-img-'));
  try {
    writeFileSync(join(dir, 'a.png'), pngHeader(4, 4));
    assert.equal(imageBundle(join(dir, 'a.png'))['text/plain'], '<PNG image 4×4, 33 B>');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><rect/></svg>';
    writeFileSync(join(dir, 'b.svg'), svg);
    assert.deepEqual(imageBundle(join(dir, 'b.svg')), { 'image/svg+xml': svg, 'text/plain': '<SVG image 10×5>' });
    assert.deepEqual(imageBundle(Buffer.from(svg)), imageBundle(join(dir, 'b.svg')));
    assert.throws(() => imageBundle(join(dir, 'missing.png')), { message: `imageBundle: cannot read ${JSON.stringify(join(dir, 'missing.png'))} (ENOENT); pass a path to an image file or its bytes` });
    assert.throws(() => imageBundle(new Uint8Array([1, 2])), { message: 'imageBundle: not a PNG, JPEG, GIF or SVG image (unknown signature); pass the mime argument, e.g. imageBundle(bytes, "image/png")' });
    assert.ok('image/jpeg' in imageBundle(new Uint8Array([1, 2]), 'image/jpeg'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
