/**
 * Qualité des données / Data quality (/data-quality): for the selected org unit and period, the
 * data problems by rule with counts and the records behind them (each opens in the Capture app),
 * completeness of key data elements per stage, the aggregate report's consistency, and the
 * cross-check of every catalog indicator between the app's pair engine and DHIS2 analytics, with
 * the likely cause of each difference. "Re-check" runs everything again after corrections.
 */
import { useConfig } from '@dhis2/app-runtime'
import i18n from '@dhis2/d2-i18n'
import { Button, NoticeBox, Tag } from '@dhis2/ui'
import React, { useState } from 'react'
import type { Label } from '../../../metadata/src/vocabulary'
import { useSelection } from '../../components/selection'
import { Empty, ErrorMessage, Loading, Skeleton } from '../../components/states'
import type { StageCompleteness } from '../../domain/quality/completeness'
import type { CrossCheckResult, CrossCheckRow } from '../../domain/quality/crosscheck'
import type { QualityFinding, QualityGroup, QualityRecord } from '../../domain/quality/types'
import { captureLink, dataEntryLink } from '../../data/quality'
import { useQualityCheck, type CheckProgress, type QualityResult } from './useQualityCheck'
import './dataQuality.css'

const lang = (): 'fr' | 'en' => ((i18n.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en')
const t = (x: Label): string => x[lang()]
const fmtInt = (n: number): string => new Intl.NumberFormat(i18n.language || 'en').format(n)
const fmtNum = (n: number | null, digits = 1): string => (n === null ? '—' : new Intl.NumberFormat(i18n.language || 'en', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n))
const fmtDateTime = (s: string | null | undefined): string => {
  if (!s) return i18n.t('unknown')
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`)
  return Number.isNaN(d.getTime()) ? s : new Intl.DateTimeFormat(i18n.language || 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d)
}
const fmtDate = (s: string | undefined): string => {
  if (!s) return '—'
  const d = new Date(`${s}T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? s : new Intl.DateTimeFormat(i18n.language || 'en', { dateStyle: 'medium', timeZone: 'UTC' }).format(d)
}

const GROUPS: { group: QualityGroup; title: () => string; intro: () => string }[] = [
  { group: 'linkage', title: () => i18n.t('Mother–infant linkage'), intro: () => i18n.t('Pairs that are missing, duplicated or wrongly linked.') },
  { group: 'values', title: () => i18n.t('Impossible or implausible values'), intro: () => i18n.t('Values and dates that cannot be right.') },
  { group: 'records', title: () => i18n.t('Unreadable records'), intro: () => i18n.t('Records the app had to skip or repair.') },
]

function severityTag(f: QualityFinding) {
  if (f.count === 0 || f.notEvaluated) return <Tag positive={!f.notEvaluated}>{f.notEvaluated ? i18n.t('Not checked') : i18n.t('None')}</Tag>
  if (f.severity === 'error') return <Tag negative>{i18n.t('Error')}</Tag>
  if (f.severity === 'warning') return <Tag neutral>{i18n.t('Warning')}</Tag>
  return <Tag>{i18n.t('Information')}</Tag>
}

function RecordTable({ records, total, names }: { records: QualityRecord[]; total: number; names: Record<string, string> }) {
  const { baseUrl } = useConfig()
  return (
    <div>
      <table className="dyad-table dq-records">
        <thead>
          <tr>
            <th scope="col">{i18n.t('Record')}</th>
            <th scope="col">{i18n.t('Organisation unit')}</th>
            <th scope="col">{i18n.t('Date')}</th>
            <th scope="col">{i18n.t('Problem')}</th>
            <th scope="col">
              <span className="dyad-sr-only">{i18n.t('Open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {records.map((r, i) => {
            const capture = captureLink(baseUrl, r)
            const link = capture ?? dataEntryLink(baseUrl, r)
            const id = r.event ?? r.enrollment ?? r.entity ?? r.relationship ?? ''
            return (
              <tr key={`${id}-${i}`} data-testid="dq-record">
                <td>
                  <code>{id || '—'}</code>
                </td>
                <td>{r.orgUnit ? names[r.orgUnit] ?? r.orgUnit : '—'}</td>
                <td>{fmtDate(r.date)}</td>
                <td>{t(r.detail)}</td>
                <td className="dq-noprint">
                  {link ? (
                    <a href={link} target="_blank" rel="noopener noreferrer">
                      {capture ? i18n.t('Open in Capture') : i18n.t('Open in Data Entry')}
                    </a>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {total > records.length ? <p className="dyad-muted">{i18n.t('{{shown}} of {{total}} records listed.', { shown: fmtInt(records.length), total: fmtInt(total) })}</p> : null}
    </div>
  )
}

function FindingRow({ f, names }: { f: QualityFinding; names: Record<string, string> }) {
  const [open, setOpen] = useState(false)
  const id = `dq-${f.code}`
  return (
    <li className={`dq-finding dq-${f.count > 0 ? f.severity : 'ok'}`} data-testid={`dq-finding-${f.code}`}>
      <div className="dq-finding-head">
        <span className="dq-count" aria-label={i18n.t('Count')}>
          {f.notEvaluated ? '—' : fmtInt(f.count)}
        </span>
        <div className="dq-finding-text">
          <strong>{t(f.title)}</strong> {severityTag(f)}
          <p className="dyad-muted">{f.notEvaluated ? t(f.notEvaluated) : t(f.explanation)}</p>
        </div>
        {f.records.length > 0 ? (
          <Button small secondary onClick={() => setOpen((x) => !x)} aria-expanded={open} aria-controls={id} className="dq-noprint">
            {open ? i18n.t('Hide records') : i18n.t('Show records')}
          </Button>
        ) : null}
      </div>
      {open ? (
        <div id={id}>
          <RecordTable records={f.records} total={f.count} names={names} />
        </div>
      ) : null}
    </li>
  )
}

function FindingGroup({ title, intro, findings, names }: { title: string; intro: string; findings: QualityFinding[]; names: Record<string, string> }) {
  const total = findings.reduce((n, f) => n + (f.notEvaluated ? 0 : f.count), 0)
  return (
    <section className="dq-section" aria-label={title}>
      <h2>
        {title} <span className="dq-badge">{fmtInt(total)}</span>
      </h2>
      <p className="dyad-muted">{intro}</p>
      <ul className="dq-findings">
        {findings.map((f) => (
          <FindingRow key={f.code} f={f} names={names} />
        ))}
      </ul>
    </section>
  )
}

function CompletenessSection({ stages }: { stages: StageCompleteness[] }) {
  return (
    <section className="dq-section" aria-label={i18n.t('Completeness of key data elements')}>
      <h2>{i18n.t('Completeness of key data elements')}</h2>
      <p className="dyad-muted">{i18n.t('Share of the contacts of the period where the value was recorded (yes or no counts as recorded).')}</p>
      <table className="dyad-table">
        <thead>
          <tr>
            <th scope="col">{i18n.t('Stage')}</th>
            <th scope="col">{i18n.t('Data element')}</th>
            <th scope="col" className="num">
              {i18n.t('Recorded')}
            </th>
            <th scope="col" className="num">
              {i18n.t('Contacts')}
            </th>
            <th scope="col" className="num">
              %
            </th>
          </tr>
        </thead>
        <tbody>
          {stages.flatMap((s) =>
            s.items.map((item, i) => (
              <tr key={`${s.stage}-${item.dataElement}`}>
                {i === 0 ? (
                  <th scope="rowgroup" rowSpan={s.items.length}>
                    {t(s.name)}
                  </th>
                ) : null}
                <td>{t(item.name)}</td>
                <td className="num">{fmtInt(item.recorded)}</td>
                <td className="num">{fmtInt(s.contacts)}</td>
                <td className={`num ${item.percent !== null && item.percent < 80 ? 'dq-low' : ''}`}>{fmtNum(item.percent)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  )
}

function AggregateSection({ result }: { result: QualityResult }) {
  const a = result.aggregate
  const names = result.orgUnitNames
  let body: React.ReactNode
  if (a.error) body = <ErrorMessage error={a.error} />
  else if (!a.data || a.data.dataSets === 0 || !a.data.check) {
    body = <Empty title={i18n.t('No aggregate report to check')} reason={i18n.t('The Dyad monthly report (data set and validation rules) is not installed on this server. Install the package from the Setup page.')} />
  } else {
    const { check, server } = a.data
    body = (
      <>
        {server.available ? (
          <NoticeBox title={i18n.t('DHIS2 validation results')}>{i18n.t('The violations below come from DHIS2’s own validation-rule analysis.')}</NoticeBox>
        ) : (
          <NoticeBox warning title={i18n.t('DHIS2 validation analysis not available')}>
            {i18n.t('This server does not provide validation-rule analysis; the rules below were evaluated by the app on the reported values.')}
          </NoticeBox>
        )}
        <table className="dyad-table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('Validation rule')}</th>
              <th scope="col" className="num">
                {i18n.t('Reports checked')}
              </th>
              <th scope="col" className="num">
                {i18n.t('Violations')}
              </th>
            </tr>
          </thead>
          <tbody>
            {check.rules.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name}
                  {r.notEvaluated ? <div className="dyad-muted">{t(r.notEvaluated)}</div> : null}
                </td>
                <td className="num">{r.notEvaluated ? '—' : fmtInt(r.checked)}</td>
                <td className="num">{r.notEvaluated ? '—' : fmtInt(r.violated)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="dq-findings">
          <FindingRow f={check.finding} names={names} />
        </ul>
      </>
    )
  }
  return (
    <section className="dq-section" aria-label={i18n.t('Aggregate report consistency')}>
      <h2>{i18n.t('Aggregate report consistency')}</h2>
      {body}
    </section>
  )
}

function unitValue(row: CrossCheckRow, side: 'engine' | 'analytics'): string {
  const v = row[side]
  if (!v) return '—'
  if (row.unit === 'count') return fmtInt(v.numerator)
  return `${fmtNum(v.value)}${row.unit === 'percent' && v.value !== null ? ' %' : ''} (${fmtInt(v.numerator)}/${fmtInt(v.denominator ?? 0)})`
}

function CrossCheckSection({ result }: { result: QualityResult }) {
  const c = result.crossCheck
  const [onlyDiff, setOnlyDiff] = useState(false)
  let body: React.ReactNode
  if (c.error) body = <ErrorMessage error={c.error} />
  else if (!c.data) body = <Skeleton />
  else {
    const data: CrossCheckResult = c.data
    const rows = onlyDiff ? data.rows.filter((r) => r.status !== 'match') : data.rows
    body = (
      <>
        <p>
          {i18n.t('{{match}} equal, {{differs}} different, {{missing}} missing on the server.', { match: fmtInt(data.summary.match), differs: fmtInt(data.summary.differs), missing: fmtInt(data.summary.missing) })}{' '}
          <Button small secondary onClick={() => setOnlyDiff((x) => !x)} aria-pressed={onlyDiff} className="dq-noprint">
            {onlyDiff ? i18n.t('Show all indicators') : i18n.t('Show differences only')}
          </Button>
        </p>
        <table className="dyad-table dq-cross" data-testid="dq-crosscheck">
          <thead>
            <tr>
              <th scope="col">{i18n.t('Indicator')}</th>
              <th scope="col" className="num">
                {i18n.t('Pair engine (app)')}
              </th>
              <th scope="col" className="num">
                {i18n.t('DHIS2 analytics')}
              </th>
              <th scope="col">{i18n.t('Result and likely causes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} className={`dq-${r.status}`} data-testid={`dq-cross-${r.code}`}>
                <th scope="row">
                  {t(r.name)}
                  <div className="dyad-muted">
                    <code>{r.code}</code>
                  </div>
                </th>
                <td className="num">{unitValue(r, 'engine')}</td>
                <td className="num">{unitValue(r, 'analytics')}</td>
                <td>
                  {r.status === 'match' ? <Tag positive>{i18n.t('Equal')}</Tag> : r.status === 'missing' ? <Tag neutral>{i18n.t('Missing on the server')}</Tag> : <Tag negative>{i18n.t('Different')}</Tag>}
                  {r.causes.length > 0 ? (
                    <ul className="dq-causes">
                      {r.causes.map((cause) => (
                        <li key={cause.code}>{t(cause.text)}</li>
                      ))}
                    </ul>
                  ) : null}
                  {r.definitionDifferences.length > 0 ? (
                    <ul className="dq-causes dyad-muted">
                      {r.definitionDifferences.map((d, i) => (
                        <li key={i}>{t(d)}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    )
  }
  const stale = c.data?.staleAnalytics
  return (
    <section className="dq-section" aria-label={i18n.t('Cross-check: app vs DHIS2 analytics')}>
      <h2>{i18n.t('Cross-check: app vs DHIS2 analytics')}</h2>
      <p className="dyad-muted">{i18n.t('Each indicator computed twice: by the app from the tracker records it can read, and by DHIS2 analytics from the package’s program indicators. Both count events by event date and event organisation unit.')}</p>
      <dl className="dq-facts">
        <dt>{i18n.t('Analytics tables last built')}</dt>
        <dd>{fmtDateTime(result.freshness.lastAnalyticsTableSuccess)}</dd>
        <dt>{i18n.t('Newest change to the tracker data read')}</dt>
        <dd>{fmtDateTime(result.records.newestUpdate)}</dd>
      </dl>
      {stale ? (
        <NoticeBox warning title={i18n.t('Analytics tables are older than the data')}>
          {i18n.t('Changes made after the last analytics run are not in DHIS2 analytics yet: run analytics (Data Administration app) before comparing.')}
        </NoticeBox>
      ) : null}
      {body}
    </section>
  )
}

function progressText(p: CheckProgress): string {
  switch (p.phase) {
    case 'scope':
      return i18n.t('Reading the organisation unit and analytics status…')
    case 'tracker':
      return p.tracker
        ? i18n.t('Reading {{program}} records: {{fetched}} read (page {{page}})', { program: p.tracker.program === 'mother' ? i18n.t('mother') : i18n.t('infant'), fetched: fmtInt(p.tracker.fetched), page: fmtInt(p.tracker.page) })
        : i18n.t('Reading tracker records…')
    case 'compute':
      return i18n.t('Linking pairs and checking the rules…')
    case 'analytics':
      return i18n.t('Asking DHIS2 analytics…')
    case 'aggregate':
      return i18n.t('Checking the aggregate report…')
  }
}

export function DataQualityView({ orgUnit, period }: { orgUnit: string | undefined; period: string }) {
  const { state, recheck, cancel } = useQualityCheck(orgUnit, period)
  if (!orgUnit) return <Empty reason={i18n.t('Your user has no organisation unit: ask an administrator to assign one.')} />
  const toolbar = (
    <div className="dq-toolbar dq-noprint">
      <Button primary onClick={recheck} disabled={state.status === 'running'}>
        {i18n.t('Re-check')}
      </Button>
      {state.status === 'running' ? <Button onClick={cancel}>{i18n.t('Cancel')}</Button> : null}
      {state.status === 'done' ? <Button onClick={() => window.print()}>{i18n.t('Print')}</Button> : null}
    </div>
  )
  if (state.status === 'running' || state.status === 'idle') {
    return (
      <div>
        {toolbar}
        <Loading label={i18n.t('Checking data quality…')} progress={state.status === 'running' ? progressText(state.progress) : undefined} />
        <Skeleton rows={6} />
      </div>
    )
  }
  if (state.status === 'cancelled') {
    return (
      <div>
        {toolbar}
        <Empty title={i18n.t('Check cancelled')} reason={i18n.t('Nothing was checked. Press Re-check to start again.')} />
      </div>
    )
  }
  if (state.status === 'error') {
    return (
      <div>
        {toolbar}
        <ErrorMessage error={state.error} onRetry={recheck} />
      </div>
    )
  }
  const r = state.result
  const names = r.orgUnitNames
  const totalProblems = r.findings.reduce((n, f) => n + (f.notEvaluated || f.severity === 'info' ? 0 : f.count), 0)
  return (
    <div className="dq-page">
      {toolbar}
      <p className="dq-summary" data-testid="dq-summary">
        {i18n.t('{{org}}, {{start}} – {{end}}: {{records}} tracked entities read, {{problems}} problems found.', {
          org: r.scope.name,
          start: fmtDate(r.period.start),
          end: fmtDate(r.period.end),
          records: fmtInt(r.records.entities),
          problems: fmtInt(totalProblems),
        })}
      </p>
      {!r.programs.mother || !r.programs.infant ? (
        <NoticeBox warning title={i18n.t('Dyad programs not installed')}>
          {i18n.t('The Mother and Infant programs of the Dyad package are not (all) on this server, so their records cannot be checked. Install the package from the Setup page.')}
        </NoticeBox>
      ) : null}
      {r.records.entities === 0 && r.programs.mother && r.programs.infant ? <Empty title={i18n.t('No tracker records')} reason={i18n.t('No Mother or Infant record is registered in this organisation unit or below, or you cannot search them. Choose another organisation unit.')} /> : null}
      {GROUPS.map((g) => (
        <FindingGroup key={g.group} title={g.title()} intro={g.intro()} findings={r.findings.filter((f) => f.group === g.group)} names={names} />
      ))}
      <CompletenessSection stages={r.completeness} />
      <AggregateSection result={r} />
      <CrossCheckSection result={r} />
      <p className="dyad-muted">{i18n.t('Checked at {{time}}.', { time: fmtDateTime(r.checkedAt) })}</p>
    </div>
  )
}

export default function DataQualityPage() {
  const { orgUnit, period } = useSelection()
  return <DataQualityView orgUnit={orgUnit} period={period} />
}
