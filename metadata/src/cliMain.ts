import path from 'node:path'
import { writeBundle } from './build'

export async function main(args: string[]): Promise<number> {
  const [cmd, ...rest] = args
  switch (cmd) {
    case 'build': {
      const r = writeBundle()
      console.log(`wrote ${path.relative(process.cwd(), r.file)} (${r.bytes} bytes)`)
      for (const [k, n] of Object.entries(r.counts)) console.log(`  ${k.padEnd(28)} ${n}`)
      return 0
    }
    default:
      console.error(`unknown command ${cmd ?? ''}; use build | validate | docs | diff | install`)
      void rest
      return 2
  }
}
