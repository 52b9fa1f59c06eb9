/**
 * `npm run bench`: runs every tests/bench/*.bench.ts (or those matching argv filters), prints one
 * table of figures with budget verdicts. Benchmarks report numbers; they are not tests (exit 0
 * even when over budget, non-zero only when a bench file crashes).
 *   npm run bench               all
 *   npm run bench -- bundle     only files whose name contains "bundle"
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { BenchFigure } from './types'

const filters = process.argv.slice(2)
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

const fmt = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 }))

function verdict(f: BenchFigure): string {
  if (!f.budget) return ''
  const { max, min } = f.budget
  const ok = (max === undefined || f.value <= max) && (min === undefined || f.value >= min)
  const limit = [min !== undefined ? `≥ ${fmt(min)}` : '', max !== undefined ? `≤ ${fmt(max)}` : ''].filter(Boolean).join(' ')
  return `${ok ? 'OK' : 'OVER BUDGET'} (${limit})`
}

async function main(): Promise<void> {
  const rows: { file: string; f: BenchFigure }[] = []
  let crashed = 0
  for (const file of files) {
    const t0 = Date.now()
    process.stdout.write(`bench ${file} … `)
    try {
      const mod = (await import(path.join(__dirname, file))) as { default: () => Promise<BenchFigure[]> }
      const figures = await mod.default()
      for (const f of figures) rows.push({ file: file.replace('.bench.ts', ''), f })
      console.log(`${figures.length} figure(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    } catch (e) {
      crashed++
      console.log('CRASHED')
      console.error(e)
    }
  }
  const table = rows.map(({ file, f }) => [file, f.name, fmt(f.value), f.unit, verdict(f), f.note ?? ''])
  const head = ['bench', 'figure', 'value', 'unit', 'budget', 'note']
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)))
  const line = (r: string[]): string => r.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()
  console.log('\n' + line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of table) console.log(line(r))
  const over = rows.filter(({ f }) => verdict(f).startsWith('OVER')).length
  console.log(`\n${rows.length} figures, ${over} over budget${crashed ? `, ${crashed} bench file(s) crashed` : ''}`)
  process.exit(crashed ? 1 : 0)
}

void main()
