/** Cascade model: counts of the catalog's cascade steps, share of the first step, drop-off between steps. */
import { CASCADE } from '../../domain/indicators/catalog'
import type { CascadeStep } from '../../domain/indicators/types'
import type { SideSource } from '../overview/model'

export interface CascadeSeries {
  name: string
  counts: (number | null)[]
}

export interface CascadeRow {
  step: CascadeStep
  count: number | null
  /** Percent of the first step (null when the first step is 0 or missing). */
  ofFirst: number | null
  /** Relative change vs the previous step in percent (negative = drop-off). */
  vsPrevious: number | null
}

export function cascadeCounts(src: SideSource, months: string[], ou: string, steps: CascadeStep[] = CASCADE): (number | null)[] {
  return steps.map((s) => src(s.indicator, 'numerator', months, ou))
}

export function cascadeRows(counts: (number | null)[], steps: CascadeStep[] = CASCADE): CascadeRow[] {
  const first = counts[0]
  return steps.map((step, i) => {
    const count = counts[i]
    const prev = i > 0 ? counts[i - 1] : null
    return {
      step,
      count,
      ofFirst: count !== null && first ? (count / first) * 100 : null,
      vsPrevious: i > 0 && count !== null && prev ? ((count - prev) / prev) * 100 : null,
    }
  })
}
