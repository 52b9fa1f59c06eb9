/**
 * The pairs behind a number (one profile, optionally one org unit one level down). Shown only to
 * users whose tracker read succeeded (DHIS2 applied their program sharing and search scope to it);
 * "Open in Capture" links only for users with the Capture app (decision 0551).
 */
import { useConfig } from '@dhis2/app-runtime'
import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React, { useId } from 'react'
import { ids, PROGRAM } from '../../../metadata/src/vocabulary'
import { formatNumber } from '../../components/charts/format'
import { captureLink } from '../../data/quality'
import type { PairRow } from './model'

export const PAIR_LIST_LIMIT = 200

const yesNo = (v: unknown): string => (v === true ? i18n.t('yes') : v === false ? i18n.t('no') : '–')
const num = (v: unknown): string => (typeof v === 'number' ? formatNumber(v, undefined, 0) : '–')

export function PairList({ title, rows, orgUnitName, canOpenCapture, onClose }: { title: string; rows: PairRow[]; orgUnitName: (id: string) => string; canOpenCapture: boolean; onClose: () => void }) {
  const { baseUrl } = useConfig()
  const id = useId()
  const shown = rows.slice(0, PAIR_LIST_LIMIT)
  const mother = ids.program(PROGRAM.MOTHER)
  const infant = ids.program(PROGRAM.INFANT)
  return (
    <section className="dyad-card dyad-traj-pairs" aria-labelledby={`${id}-h`} data-testid="pair-list">
      <div className="dyad-traj-pairs-head">
        <h2 id={`${id}-h`}>{title}</h2>
        <Button small onClick={onClose}>
          {i18n.t('Close the list')}
        </Button>
      </div>
      <p className="dyad-muted">
        {rows.length > shown.length
          ? i18n.t('{{shown}} most recent of {{count}} pairs; the export holds all of them.', { shown: shown.length, count: rows.length })
          : i18n.t('{{count}} pairs.', { count: rows.length })}
      </p>
      <div className="dyad-traj-scroll">
        <table className="dyad-table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('Pair')}</th>
              <th scope="col">{i18n.t('Organisation unit')}</th>
              <th scope="col">{i18n.t('Reference date')}</th>
              <th scope="col" className="num">{i18n.t('ANC contacts')}</th>
              <th scope="col">{i18n.t('Facility delivery')}</th>
              <th scope="col" className="num">{i18n.t('Postnatal contacts')}</th>
              <th scope="col" className="num">{i18n.t('Infant visits')}</th>
              {canOpenCapture ? <th scope="col">{i18n.t('Capture')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const p = r.pair
              const motherLink = p.pregnancy && p.mother ? captureLink(baseUrl, { entity: p.mother, enrollment: p.pregnancy.enrollment, program: mother, orgUnit: p.pregnancy.orgUnit }) : null
              const inf = p.infants[0]
              const infantLink = inf ? captureLink(baseUrl, { entity: inf.entity, enrollment: inf.enrollment, program: infant, orgUnit: inf.orgUnit }) : null
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <code>{p.mother ?? i18n.t('infant without mother')}</code>
                    {p.infants.length > 1 ? <span className="dyad-muted"> {i18n.t('({{n}} infants)', { n: p.infants.length })}</span> : null}
                  </th>
                  <td>{orgUnitName(r.orgUnit)}</td>
                  <td>{r.date || '–'}</td>
                  <td className="num">{num(r.facts.ancContacts)}</td>
                  <td>{r.facts.delivered ? yesNo(r.facts.facilityDelivery) : i18n.t('no delivery recorded')}</td>
                  <td className="num">{num(r.facts.pncContacts)}</td>
                  <td className="num">{num(r.facts.infantContacts)}</td>
                  {canOpenCapture ? (
                    <td>
                      {motherLink ? (
                        <a href={motherLink} target="_blank" rel="noopener noreferrer">
                          {i18n.t('Mother')}
                        </a>
                      ) : null}
                      {motherLink && infantLink ? ' · ' : null}
                      {infantLink ? (
                        <a href={infantLink} target="_blank" rel="noopener noreferrer">
                          {i18n.t('Infant')}
                        </a>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
