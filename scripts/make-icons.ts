/**
 * Draws the Dyad icons (no downloads, no image library): a teal rounded square with a large
 * circle (mother) and a small circle (infant) overlapping — the dyad. Writes PNGs with zlib:
 *   public/dhis2-app-icon.png (48×48, in the app zip) and docs/apphub-icon.png (512×512, App Hub).
 * Run: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf: Buffer): number => {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

type RGBA = [number, number, number, number]

function draw(size: number): Buffer {
  const px = Buffer.alloc(size * size * 4)
  const S = 4 // supersampling per axis
  const r = size * 0.2 // corner radius
  const inRounded = (x: number, y: number): boolean => {
    const cx = Math.min(Math.max(x, r), size - r)
    const cy = Math.min(Math.max(y, r), size - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
  }
  const mother = { x: size * 0.42, y: size * 0.47, r: size * 0.27 }
  const infant = { x: size * 0.7, y: size * 0.66, r: size * 0.16 }
  const inC = (x: number, y: number, c: { x: number; y: number; r: number }): boolean => (x - c.x) ** 2 + (y - c.y) ** 2 <= c.r ** 2
  const bg: RGBA = [0, 105, 120, 255]
  const white: RGBA = [255, 255, 255, 255]
  const gold: RGBA = [255, 193, 7, 255]
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0]
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const fx = x + (sx + 0.5) / S
          const fy = y + (sy + 0.5) / S
          let c: RGBA = [0, 0, 0, 0]
          if (inRounded(fx, fy)) {
            c = bg
            if (inC(fx, fy, mother)) c = white
            if (inC(fx, fy, { ...infant, r: infant.r + size * 0.03 })) c = bg
            if (inC(fx, fy, infant)) c = gold
          }
          for (let i = 0; i < 4; i++) acc[i] += c[i] * (i < 3 ? c[3] / 255 : 1)
        }
      }
      const o = (y * size + x) * 4
      const a = acc[3] / (S * S)
      for (let i = 0; i < 3; i++) px[o + i] = a > 0 ? Math.round(acc[i] / (S * S) / (a / 255)) : 0
      px[o + 3] = Math.round(a)
    }
  }
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

writeFileSync('public/dhis2-app-icon.png', draw(48))
writeFileSync('docs/apphub-icon.png', draw(512))
console.log('wrote public/dhis2-app-icon.png (48×48) and docs/apphub-icon.png (512×512)')
