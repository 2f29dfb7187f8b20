// Draws the kernel logos (a whetstone: a slanted slate bar with a bright edge) as PNG and SVG, without dependencies.
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const u = x / size, v = y / size;
      // Distance from the bar's axis (a line from bottom-left to top-right).
      const d = (u + v - 1) / Math.SQRT2;
      const along = (u - v) / Math.SQRT2;
      let rgba = [0, 0, 0, 0];
      if (Math.abs(along) < 0.62 && Math.abs(d) < 0.16) rgba = d < -0.1 ? [125, 211, 252, 255] : [51, 65, 85, 255];
      row.set(rgba, 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync('kernel/logo-32x32.png', png(32));
writeFileSync('kernel/logo-64x64.png', png(64));
writeFileSync('kernel/logo-svg.svg', `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><g transform="rotate(-45 32 32)"><rect x="4" y="22" width="56" height="20" rx="3" fill="#334155"/><rect x="4" y="22" width="56" height="4" rx="2" fill="#7dd3fc"/></g></svg>\n`);
