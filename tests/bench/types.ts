/** One figure reported by a bench file (`tests/bench/*.bench.ts`), printed by `npm run bench`. */
export interface BenchFigure {
  name: string
  value: number
  unit: string
  /** Inclusive limits; a figure outside them is reported as OVER BUDGET. */
  budget?: { max?: number; min?: number }
  note?: string
}

/** A bench file default-exports this. */
export type BenchFn = () => Promise<BenchFigure[]>
