/**
 * SVG markup of the explorer's two maps, as strings, so that the Astro component
 * (build time, the static figure) and the island (after every change) draw them with
 * the same code. No DOM access. Each map is one small bitmap (an uncompressed BMP
 * in a data: URL, drawn with crisp pixels) plus a few outlines, which keeps the
 * page light: one element per map instead of one per pixel.
 */
import { SIDE, outputRgb, taps, type Result, type Settings } from './conv-explorer';

/**
 * A 24-bit top-down BMP of width × height pixels whose pixel (row, col) has the
 * colour `rgb(row, col)`, as a base64 data: URL. (BMP: a 14-byte file header, a
 * 40-byte BITMAPINFOHEADER, then rows of B, G, R bytes padded to 4 bytes.)
 */
export function bmpDataUrl(width: number, height: number, rgb: (row: number, col: number) => readonly [number, number, number]): string {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + rowBytes * height;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x42; // 'B'
  bytes[1] = 0x4d; // 'M'
  view.setUint32(2, size, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, -height, true); // negative: rows stored top to bottom
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  view.setUint32(34, rowBytes * height, true);
  view.setInt32(38, 2835, true);
  view.setInt32(42, 2835, true);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const [red, green, blue] = rgb(r, c);
      const o = 54 + r * rowBytes + c * 3;
      bytes[o] = blue;
      bytes[o + 1] = green;
      bytes[o + 2] = red;
    }
  }
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/bmp;base64,${btoa(binary)}`;
}

/** The taps and window of output cell `cell`, drawn over the input. */
function windowMarkup(pixels: ArrayLike<number>, s: Settings, cell: readonly [number, number]): string {
  const list = taps(pixels, s, cell[0], cell[1]);
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last) return '';
  const box = `<rect class="cx-window" x="${first.c}" y="${first.r}" width="${last.c - first.c + 1}" height="${last.r - first.r + 1}"/>`;
  const dots = list.map((t) => `<rect class="cx-tap" x="${t.c + 0.1}" y="${t.r + 0.1}" width="0.8" height="0.8"/>`).join('');
  return box + dots;
}

/**
 * The input digit (byte 0 black, 255 white) with its zero padding (a grey border of
 * width p) and, if `cell` is given, the window that output cell reads. Coordinates:
 * one unit per pixel, the image's top-left pixel at (0, 0).
 */
export function inputSvgContent(pixels: ArrayLike<number>, s: Settings, cell: readonly [number, number] | null): string {
  const p = s.padding;
  const href = bmpDataUrl(SIDE, SIDE, (r, c) => {
    const byte = pixels[r * SIDE + c] ?? 0;
    return [byte, byte, byte];
  });
  return (
    `<rect class="cx-pad" x="${-p}" y="${-p}" width="${SIDE + 2 * p}" height="${SIDE + 2 * p}"/>` +
    `<image class="cx-bitmap" href="${href}" x="0" y="0" width="${SIDE}" height="${SIDE}" preserveAspectRatio="none"/>` +
    (cell ? windowMarkup(pixels, s, cell) : '')
  );
}

/** The viewBox of the input drawing (the padded image). */
export function inputViewBox(s: Settings): string {
  const p = s.padding;
  return `${-p} ${-p} ${SIDE + 2 * p} ${SIDE + 2 * p}`;
}

/** The output feature map on the figure's colour scale, with the selected cell outlined. */
export function outputSvgContent(result: Result, cell: readonly [number, number]): string {
  const n = result.size;
  const href = bmpDataUrl(n, n, (i, j) => outputRgb(result.output[i * n + j] ?? 0, result.scale));
  return (
    `<image class="cx-bitmap" href="${href}" x="0" y="0" width="${n}" height="${n}" preserveAspectRatio="none"/>` +
    `<rect class="cx-cell" x="${cell[1]}" y="${cell[0]}" width="1" height="1"/>`
  );
}

export function outputViewBox(result: Result): string {
  return `0 0 ${result.size} ${result.size}`;
}

/** The kernel side, re-exported for the component. */
