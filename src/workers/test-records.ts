/**
 * Test-only tracker records for the worker suites (built with the domain's TrackerBuilder), and
 * their 2.41 wire shape. Imported by tests only.
 */
import { DE } from '../../metadata/src/vocabulary'
import { TrackerBuilder } from '../domain/test-utils/builder'

export const F1 = 'OuFacility1'
export const F2 = 'OuFacility2'
export const OUTSIDE = 'OuOutside01'

/** 2024: 5 ANC contacts in scope (+1 at a facility outside the subtree), 3 deliveries of which 2 in a facility. 2023: 2 ANC contacts. */
export function records() {
  const b = new TrackerBuilder()
  const m1 = b.mother({ lmp: '2023-10-01', orgUnit: F1 })
  b.anc(m1, '2023-12-10', { [DE.ANC_GEST_AGE_WEEKS]: '10' })
  b.anc(m1, '2024-02-10', { [DE.ANC_GEST_AGE_WEEKS]: '19' })
  b.anc(m1, '2024-04-10', { [DE.ANC_GEST_AGE_WEEKS]: '27' })
  b.anc(m1, '2024-06-01', { [DE.ANC_GEST_AGE_WEEKS]: '35' })
  b.delivery(m1, '2024-06-20', { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' })
  const i1 = b.infant({ dob: '2024-06-20', orgUnit: F1 })
  b.visit(i1, '2024-08-01')
  b.link(m1, i1)
  const m2 = b.mother({ lmp: '2023-10-15', orgUnit: F2 })
  b.anc(m2, '2024-03-01', { [DE.ANC_GEST_AGE_WEEKS]: '20' })
  b.anc(m2, '2024-05-01', { [DE.ANC_GEST_AGE_WEEKS]: '28' })
  b.anc(m2, '2024-06-01', { [DE.ANC_GEST_AGE_WEEKS]: '32' }, { orgUnit: OUTSIDE })
  b.delivery(m2, '2024-07-10', { [DE.DEL_PLACE]: 'HOME', [DE.DEL_LIVE_BIRTHS]: '1' })
  const m3 = b.mother({ lmp: '2024-01-01', orgUnit: F2 })
  b.delivery(m3, '2024-09-25', { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' })
  const m4 = b.mother({ lmp: '2022-09-01', orgUnit: F1 })
  b.anc(m4, '2022-11-01', { [DE.ANC_GEST_AGE_WEEKS]: '9' })
  b.anc(m4, '2023-01-05', { [DE.ANC_GEST_AGE_WEEKS]: '18' })
  b.delivery(m4, '2023-05-30', { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' })
  const wire = b.entities.map((te) => ({
    ...te,
    updatedAt: '2025-01-02T08:00:00.000',
    relationships: te.relationships.map((r) => ({ ...r, from: { trackedEntity: { trackedEntity: r.from } }, to: { trackedEntity: { trackedEntity: r.to } } })),
  }))
  return { b, wire }
}
