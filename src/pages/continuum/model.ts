/** Cascade model: counts of the catalog's cascade steps, share of the first step, drop-off between steps; the cohort mode's export rows. */
import i18n from '@dhis2/d2-i18n'
import { uiLocale } from '../../components/charts/format'
import { CASCADE } from '../../domain/indicators/catalog'
import { COHORT_STEPS, type CohortResult } from '../../domain/trajectories/cascade'
import { entryPointLabel, tr } from '../overview/labels'
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

// ---------------------------------------------------------------------------------------------
// Cohort mode (decision 0552)
// ---------------------------------------------------------------------------------------------

export interface CohortSeries {
  /** "<org unit> — <period>" */
  name: string
  orgUnitName: string
  result: CohortResult
}

const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10)

/** Export rows of the cohort mode: one per step, per series cohort, reached, eligible, % of eligible, change vs previous step. */
export function cohortSheet(series: CohortSeries[]): { header: string[]; rows: (string | number | null)[][] } {
  const header = [i18n.t('Entry point'), i18n.t('Step')]
  for (const s of series) {
    header.push(
      `${s.name}: ${i18n.t('pairs in the cohort')}`,
      `${s.name}: ${i18n.t('pairs reaching the step')}`,
      `${s.name}: ${i18n.t('eligible pairs (step due)')}`,
      `${s.name}: ${i18n.t('% of eligible')}`,
      `${s.name}: ${i18n.t('change vs previous step (%)')}`,
    )
  }
  const rows = COHORT_STEPS.map((step, i) => {
    const r: (string | number | null)[] = [entryPointLabel(step.entryPoint), tr(step.label)]
    for (const s of series) {
      const x = s.result.steps[i]
      r.push(s.result.cohort, x.reached, x.eligible, round1(x.share), round1(x.change))
    }
    return r
  })
  return { header, rows }
}

/** An ISO date in the user's language (e.g. "23 nov. 2026"). */
export function formatDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(d)
}
