/**
 * Chart and legend colours. Every colour used for text or thin marks reaches a contrast of at least
 * 4.5:1 on white (WCAG AA); bar fills reach 3:1 (non-text contrast). Legend colours always come with
 * a text label (never colour alone).
 */
export const SERIES_COLORS = ['#1f5f99', '#b8510d'] as const // blue 6.9:1, orange 5.0:1 on white
export const AXIS_COLOR = '#4a5768' // 7.4:1
export const GRID_COLOR = '#d5dde5'
export const DROP_COLOR = '#a3231e' // 7.3:1

/** Traffic-light fills (light backgrounds for dark text, 4.5:1 with #212934 text) and strong marks. */
export const LEGEND_STYLE = {
  green: { background: '#cfeedd', border: '#1b7a43', text: '#11502b' },
  yellow: { background: '#fff1c2', border: '#a06e00', text: '#5c3f00' },
  red: { background: '#f9d4d2', border: '#b3261e', text: '#7a1a14' },
  none: { background: '#ffffff', border: '#a0adba', text: '#4a5768' },
} as const
export type LegendStyleKey = keyof typeof LEGEND_STYLE

/** WCAG relative luminance contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string): number => {
    const n = parseInt(hex.replace('#', ''), 16)
    const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
      const s = v / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
  }
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p)
  return (x + 0.05) / (y + 0.05)
}
