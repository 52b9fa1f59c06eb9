/**
 * Configuration / Setup: install or upgrade the Dyad metadata package from inside the app.
 * 1. What is on the server: Dyad objects by code (DYAD_…) per type, and the installed version
 *    recorded in the dataStore (dyad/package).
 * 2. The package shipped with this app version (loaded lazily), and the authorities it needs.
 * 3. The bundle is prepared for this server (metadata/src/prepare.ts, as the CLI does: facility and
 *    user-group assignments and the server's Person attributes kept, or the server's own Person
 *    type reused), then the dry run (importMode=VALIDATE) of that payload: what will be
 *    created/updated, every conflict, and what is kept of the server (also in the confirmation).
 * 4. After confirmation, the import (COMMIT, CREATE_AND_UPDATE, atomicMode=ALL), its report, and
 *    the installed version saved in the dataStore.
 */
import i18n from '@dhis2/d2-i18n'
import { Button, Modal, ModalActions, ModalContent, ModalTitle, NoticeBox } from '@dhis2/ui'
import React, { useState } from 'react'
import { useCurrentUser } from '../../components/CurrentUser'
import { Empty, ErrorMessage, Loading, Skeleton } from '../../components/states'
import { readKey, saveKey } from '../../data/dataStore'
import { toDyadErrorSafe, type DyadError } from '../../data/errors'
import type { ImportReport } from '../../data/importReport'
import { missingAuthorities } from '../../data/me'
import { CODE_PREFIX, DYAD_COLLECTIONS, importMetadata, prepareBundleForServer, readDyadMetadata, type PreparedPayload } from '../../data/metadata'
import { useClient } from '../../data/useClient'
import { useResource } from '../../data/useResource'
import { bundleCounts, neededAuthorities, type InstalledPackage, type MetadataBundle } from './bundle'
import { loadBundle } from './bundleLoader'

const fmt = (n: number): string => new Intl.NumberFormat(i18n.language || 'en').format(n)

/**
 * What the installer keeps of the server's own Person tracked-entity type, in words: reused under
 * its own UID (the bundle was remapped to it and the type is left untouched), or reused with the
 * attributes the package does not carry kept, or — read from the dry run — updated or created.
 */
export function personNote(prepared: PreparedPayload, report?: ImportReport): string | undefined {
  if (prepared.remappedPerson) {
    return i18n.t("Your server's own Person type ({{id}}) is reused: Dyad's programs and relationship type will use it, and the type and all its attributes are left as they are.", { id: prepared.remappedPerson })
  }
  const kept = prepared.personAttributesKept
  if (kept === 1) return i18n.t("Your server's Person type is reused; its attribute that is not in the package is kept.")
  if (kept > 1) return i18n.t("Your server's Person type is reused; its {{number}} attributes that are not in the package are kept.", { number: fmt(kept) })
  const type = report?.typeReports.find((t) => t.type === 'TrackedEntityType')
  if (type && type.stats.updated > 0) return i18n.t("Your server's Person type is reused; the package adds its attributes to it.")
  if (type && type.stats.created > 0) return i18n.t('This server has no Person type: the package creates it.')
  return undefined
}

/** What the installation keeps of the server (Person type, assignments), for the dry run and the confirmation. */
function KeptOnServer({ prepared, report }: { prepared: PreparedPayload; report?: ImportReport }) {
  const person = personNote(prepared, report)
  return (
    <ul aria-label={i18n.t('Kept on this server')} style={{ margin: '8px 0 0', paddingLeft: 20 }}>
      {person ? <li>{person}</li> : null}
      <li>{i18n.t('{{number}} existing assignments kept (facilities of programs, data set, groups; members of user groups)', { number: fmt(prepared.assignmentsKept) })}</li>
    </ul>
  )
}

function PresentTable({ present }: { present: Record<string, { id: string }[]> }) {
  const rows = Object.entries(present).filter(([, list]) => list.length > 0)
  if (rows.length === 0) return <Empty title={i18n.t('No Dyad metadata on this server')} reason={i18n.t('No object with a code starting with {{prefix}} was found. Install the package below.', { prefix: CODE_PREFIX })} />
  return (
    <table className="dyad-table">
      <caption className="dyad-sr-only">{i18n.t('Dyad metadata present on the server')}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n.t('Type')}</th>
          <th scope="col" className="num">
            {i18n.t('Objects')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([collection, list]) => (
          <tr key={collection}>
            <td>{collection}</td>
            <td className="num">{fmt(list.length)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ReportView({ report, dryRun, packageCounts, prepared }: { report: ImportReport; dryRun: boolean; packageCounts: Record<string, number>; prepared?: PreparedPayload }) {
  const ok = report.status === 'OK' && report.errors.length === 0
  return (
    <div>
      <NoticeBox
        error={!ok}
        valid={ok}
        title={
          dryRun
            ? ok
              ? i18n.t('Dry run passed — the package can be installed')
              : i18n.t('Dry run found problems — nothing can be installed until they are fixed')
            : ok
              ? i18n.t('Package installed')
              : i18n.t('Import failed — nothing was changed')
        }
      >
        {i18n.t('{{created}} to create, {{updated}} to update, {{ignored}} ignored, {{errors}} conflicts', {
          created: fmt(report.stats.created),
          updated: fmt(report.stats.updated),
          ignored: fmt(report.stats.ignored),
          errors: fmt(report.errors.length),
        })}
        {dryRun && prepared ? <KeptOnServer prepared={prepared} report={report} /> : null}
      </NoticeBox>
      <table className="dyad-table" style={{ marginTop: 12 }}>
        <caption className="dyad-sr-only">{i18n.t('Import report per type')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('Type')}</th>
            <th scope="col" className="num">
              {i18n.t('In package')}
            </th>
            <th scope="col" className="num">
              {dryRun ? i18n.t('To create') : i18n.t('Created')}
            </th>
            <th scope="col" className="num">
              {dryRun ? i18n.t('To update') : i18n.t('Updated')}
            </th>
            <th scope="col" className="num">
              {i18n.t('Ignored')}
            </th>
            <th scope="col" className="num">
              {i18n.t('Conflicts')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.typeReports.map((tr) => (
            <tr key={tr.klass}>
              <td>{tr.type}</td>
              <td className="num">{fmt(packageCounts[tr.type] ?? tr.stats.total)}</td>
              <td className="num">{fmt(tr.stats.created)}</td>
              <td className="num">{fmt(tr.stats.updated)}</td>
              <td className="num">{fmt(tr.stats.ignored)}</td>
              <td className="num">{fmt(tr.objectReports.reduce((n, o) => n + o.errorReports.length, 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.errors.length > 0 ? (
        <>
          <h3>{i18n.t('Conflicts')}</h3>
          <table className="dyad-table">
            <thead>
              <tr>
                <th scope="col">{i18n.t('Type')}</th>
                <th scope="col">{i18n.t('Object')}</th>
                <th scope="col">{i18n.t('Code')}</th>
                <th scope="col">{i18n.t('Problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.slice(0, 500).map((e, i) => (
                <tr key={i}>
                  <td>{e.type}</td>
                  <td>{e.displayName ?? e.uid ?? e.mainId ?? ''}</td>
                  <td>{e.errorCode}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.errors.length > 500 ? <p className="dyad-muted">{i18n.t('Only the first 500 conflicts are listed.')}</p> : null}
        </>
      ) : null}
    </div>
  )
}

/** Counts per DHIS2 class short name (Program, DataElement…) from collection names. */
function countsByType(bundle: MetadataBundle): Record<string, number> {
  const out: Record<string, number> = {}
  for (const { collection, count } of bundleCounts(bundle)) {
    const singular = collection.replace(/ies$/, 'y').replace(/s$/, '')
    out[singular.charAt(0).toUpperCase() + singular.slice(1)] = count
  }
  return out
}

type Step =
  | { kind: 'idle' }
  | { kind: 'validating' }
  | { kind: 'validated'; report: ImportReport; prepared: PreparedPayload }
  | { kind: 'confirming'; report: ImportReport; prepared: PreparedPayload }
  | { kind: 'importing' }
  | { kind: 'imported'; report: ImportReport; recorded: boolean; recordError?: DyadError }
  | { kind: 'error'; error: DyadError }

const SetupPage = () => {
  const client = useClient()
  const user = useCurrentUser()
  const server = useResource(
    async (c, signal) => {
      const [present, installed] = await Promise.all([readDyadMetadata(c, DYAD_COLLECTIONS, { signal }), readKey<InstalledPackage>(c, 'package', { signal })])
      return { present, installed }
    },
    [],
  )
  const pkg = useResource(() => loadBundle(), [])
  const [step, setStep] = useState<Step>({ kind: 'idle' })

  const bundle = pkg.data
  const missing = bundle ? missingAuthorities(user, neededAuthorities(bundle)) : []

  const dryRun = async (): Promise<void> => {
    if (!bundle) return
    setStep({ kind: 'validating' })
    try {
      // The same prepared payload (server assignments and Person attributes kept) is validated and imported.
      const prepared = await prepareBundleForServer(client, bundle)
      const report = await importMetadata(client, prepared.payload, 'VALIDATE')
      setStep({ kind: 'validated', report, prepared })
    } catch (e) {
      setStep({ kind: 'error', error: toDyadErrorSafe(e) })
    }
  }

  const install = async (prepared: PreparedPayload): Promise<void> => {
    if (!bundle) return
    setStep({ kind: 'importing' })
    let report: ImportReport
    try {
      report = await importMetadata(client, prepared.payload, 'COMMIT')
    } catch (e) {
      setStep({ kind: 'error', error: toDyadErrorSafe(e) })
      return
    }
    const success = report.status !== 'ERROR' && report.errors.length === 0
    if (!success) {
      setStep({ kind: 'imported', report, recorded: false })
      return
    }
    const record: InstalledPackage = { name: bundle.package.name, version: bundle.package.version, installedAt: new Date().toISOString(), installedBy: user.username }
    try {
      await saveKey(client, 'package', record)
      setStep({ kind: 'imported', report, recorded: true })
    } catch (e) {
      setStep({ kind: 'imported', report, recorded: false, recordError: toDyadErrorSafe(e) })
    }
    server.reload()
  }

  const packageCounts = bundle ? countsByType(bundle) : {}
  const busy = step.kind === 'validating' || step.kind === 'importing'

  return (
    <div>
      <section className="dyad-card" aria-labelledby="setup-server">
        <h2 id="setup-server">{i18n.t('On this server')}</h2>
        {server.error ? (
          <ErrorMessage error={server.error} onRetry={server.reload} />
        ) : server.loading || !server.data ? (
          <Skeleton rows={4} />
        ) : (
          <>
            <p>
              {server.data.installed
                ? i18n.t('Installed package version {{version}} (on {{date}} by {{user}}).', {
                    version: server.data.installed.version,
                    date: new Date(server.data.installed.installedAt).toLocaleDateString(i18n.language || 'en'),
                    user: server.data.installed.installedBy,
                  })
                : i18n.t('No installation of the Dyad package is recorded on this server.')}
            </p>
            <PresentTable present={server.data.present} />
          </>
        )}
      </section>

      <section className="dyad-card" aria-labelledby="setup-package">
        <h2 id="setup-package">{i18n.t('Package shipped with this app')}</h2>
        {pkg.error ? (
          <ErrorMessage error={pkg.error} onRetry={pkg.reload} />
        ) : pkg.loading ? (
          <Loading label={i18n.t('Loading the metadata package…')} />
        ) : !bundle ? (
          <Empty title={i18n.t('No metadata package in this build')} reason={i18n.t('This build of Dyad does not contain the metadata package (metadata/dist). Build the package, then rebuild the app.')} />
        ) : (
          <>
            <p>
              {i18n.t('{{name}} version {{version}}, {{total}} objects.', {
                name: bundle.package.name,
                version: bundle.package.version,
                total: fmt(bundleCounts(bundle).reduce((n, c) => n + c.count, 0)),
              })}
            </p>
            {missing.length > 0 ? (
              <NoticeBox warning title={i18n.t('Your user cannot install this package')}>
                <p>{i18n.t('Installing creates and updates metadata. Your user roles lack these authorities (or ALL), so ask a DHIS2 administrator to add them or to run the installation.')}</p>
                <ul>
                  {missing.map((a) => (
                    <li key={a}>
                      <code>{a}</code>
                    </li>
                  ))}
                </ul>
              </NoticeBox>
            ) : null}
            <div className="dyad-actions">
              <Button primary={step.kind === 'idle' || step.kind === 'error'} onClick={() => void dryRun()} disabled={busy || missing.length > 0} loading={step.kind === 'validating'}>
                {i18n.t('Check (dry run)')}
              </Button>
              <Button
                primary={step.kind === 'validated'}
                onClick={() => step.kind === 'validated' && setStep({ kind: 'confirming', report: step.report, prepared: step.prepared })}
                disabled={step.kind !== 'validated' || step.report.errors.length > 0 || step.report.status === 'ERROR'}
                loading={step.kind === 'importing'}
              >
                {i18n.t('Install')}
              </Button>
            </div>
            {step.kind === 'validating' ? <Loading label={i18n.t('Checking the package against the server (nothing is written)…')} /> : null}
            {step.kind === 'importing' ? <Loading label={i18n.t('Installing…')} /> : null}
            {step.kind === 'error' ? <ErrorMessage error={step.error} /> : null}
            {step.kind === 'validated' || step.kind === 'confirming' ? <ReportView report={step.report} dryRun packageCounts={packageCounts} prepared={step.prepared} /> : null}
            {step.kind === 'imported' ? (
              <>
                <ReportView report={step.report} dryRun={false} packageCounts={packageCounts} />
                {step.recorded ? (
                  <p>{i18n.t('Version {{version}} is recorded as installed.', { version: bundle.package.version })}</p>
                ) : step.recordError ? (
                  <ErrorMessage error={step.recordError}>
                    <p>{i18n.t('The metadata was imported, but the installed version could not be recorded.')}</p>
                  </ErrorMessage>
                ) : null}
              </>
            ) : null}
          </>
        )}
      </section>

      {step.kind === 'confirming' && bundle ? (
        <Modal onClose={() => setStep({ kind: 'validated', report: step.report, prepared: step.prepared })}>
          <ModalTitle>{i18n.t('Install the Dyad package?')}</ModalTitle>
          <ModalContent>
            <p>
              {i18n.t('Version {{version}} will create {{created}} and update {{updated}} objects on this server. Existing data is never deleted.', {
                version: bundle.package.version,
                created: fmt(step.report.stats.created),
                updated: fmt(step.report.stats.updated),
              })}
            </p>
            <KeptOnServer prepared={step.prepared} report={step.report} />
          </ModalContent>
          <ModalActions>
            <Button onClick={() => setStep({ kind: 'validated', report: step.report, prepared: step.prepared })}>{i18n.t('Cancel')}</Button>{' '}
            <Button primary onClick={() => void install(step.prepared)}>
              {i18n.t('Install now')}
            </Button>
          </ModalActions>
        </Modal>
      ) : null}
    </div>
  )
}

export default SetupPage
