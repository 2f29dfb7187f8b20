/**
 * Image bytes: format from the file signature, and pixel size from the header, for the `text/plain` line
 * (e.g. `<PNG image 640×480, 12.3 kB>`).
 */

/** Image MIME types the formatters emit. */
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/svg+xml';

/** The image type of `bytes` from its signature (PNG, JPEG, GIF), or undefined. */
export function sniffImage(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | undefined {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return 'image/gif';
  return undefined;
}

/** Width and height from the PNG IHDR, the GIF logical screen, or the first JPEG SOF marker; undefined if unknown. */
export function imageSize(bytes: Uint8Array, mime: string): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === 'image/png' && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (mime === 'image/gif' && bytes.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (mime === 'image/jpeg') {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined;
      const marker = bytes[i + 1]!;
      // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
      }
      i += 2 + view.getUint16(i + 2);
    }
  }
  return undefined;
}

/** `12.3 kB` style size. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** The one-line plain-text stand-in for an image. */
export function imageText(bytes: Uint8Array, mime: string): string {
  const size = imageSize(bytes, mime);
  const kind = mime.split('/')[1]!.toUpperCase();
  return `<${kind} image${size ? ` ${size.width}×${size.height}` : ''}, ${formatBytes(bytes.length)}>`;
}
