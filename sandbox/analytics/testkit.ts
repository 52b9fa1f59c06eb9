/**
 * Metadata for analytics tests and the bench, built from the shared vocabulary (data elements,
 * attributes, stages, programs, org-unit levels) until the metadata bundle is installed.
 */
import { ATTRIBUTES, DATA_ELEMENTS, PROGRAMS, STAGES, ids } from '../../metadata/src/vocabulary'
import type { MetadataStore } from '../model'
import { LEVELS } from '../generator/orgunits'
import { uid } from '../../metadata/src/uid'

export function vocabularyMetadata(): MetadataStore {
  return {
    dataElements: DATA_ELEMENTS.map((d) => ({ id: ids.dataElement(d.code), code: d.code, name: d.name.en, shortName: d.shortName.en, valueType: d.valueType, aggregationType: 'SUM', domainType: 'TRACKER' })),
    trackedEntityAttributes: ATTRIBUTES.map((a) => ({ id: ids.attribute(a.code), code: a.code, name: a.name.en, valueType: a.valueType })),
    programStages: STAGES.map((s) => ({ id: ids.stage(s.code), code: s.code, name: s.name.en, program: { id: ids.program(s.program) } })),
    programs: PROGRAMS.map((p) => ({ id: ids.program(p.code), code: p.code, name: p.name.en })),
    organisationUnitLevels: LEVELS.map((l) => ({ id: uid('organisationUnitLevel', l.code), name: l.name, level: l.level })),
    programIndicators: [],
    indicators: [],
    indicatorTypes: [
      { id: 'hmSnCXmLYwt', name: 'Percentage', factor: 100 },
      { id: 'kHy61PbChXr', name: 'Numerator only (number)', factor: 1 },
    ],
    dataSets: [],
    constants: [],
  }
}
