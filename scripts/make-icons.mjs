// Writes Porch's PNG app icons (192 and 512 px) as raw PNG bytes, with no image library.
// Run once: `node scripts/make-icons.mjs`; the PNGs are committed under client/public/icons/.
// The drawing matches client/public/icons/icon.svg: a cream house with a porch roof on terracotta,
// kept inside the central 80 % so the same file works as a maskable icon.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const TERRACOTTA = [0x9a, 0x3f, 0x14];
const CREAM = [0xfb, 0xf3, 0xe4];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** True where the house (in a 0..1 unit square) is drawn in cream. */
function inHouse(x, y) {
  // Roof: a triangle from (0.2, 0.48) to (0.8, 0.48) with its apex at (0.5, 0.2).
  if (y >= 0.2 && y <= 0.48) {
    const half = ((y - 0.2) / 0.28) * 0.3;
    if (Math.abs(x - 0.5) <= half) return true;
  }
  // Walls with a door cut out.
  if (y > 0.48 && y <= 0.78 && x >= 0.28 && x <= 0.72) {
    const door = x >= 0.44 && x <= 0.56 && y >= 0.6;
    return !door;
  }
  // Porch step.
  return y > 0.78 && y <= 0.82 && x >= 0.22 && x <= 0.78;
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const colour = inHouse((x + 0.5) / size, (y + 0.5) / size) ? CREAM : TERRACOTTA;
      raw.set(colour, y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  const file = new URL(`../client/public/icons/icon-${size}.png`, import.meta.url);
  writeFileSync(file, png(size));
  console.log(`wrote ${file.pathname}`);
}
