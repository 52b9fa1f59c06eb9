/**
 * Data dictionary (metadata/docs/{en,fr}): Markdown to print paper registers and train staff, CSV
 * for spreadsheets. Generated from the same typed source and catalog as the bundle.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { CATALOG } from '../../src/domain/indicators/catalog'
import type { Condition, EventRule } from '../../src/domain/indicators/rules'
import type { IndicatorDef } from '../../src/domain/indicators/types'
import { AGG_DATA_ELEMENTS, CATEGORIES, CATEGORY_COMBOS, DATA_SET, SECTIONS, aggIds, categoryOptionByCode } from './aggregate'
import { aggregateIndicatorSpecs, VALIDATION_RULES } from './aggregateObjects'
import { ROOT } from './build'
import { uid } from './uid'
import { STAGE_SECTIONS, RELATIONSHIP_LABELS, ID_PATTERN } from './tracker'
import { CONSTANTS, RULES } from './programRules'
import { ATTRIBUTES, DATA_ELEMENTS, GROUP_SETS, OPTION_SETS, PROGRAMS, STAGES, ids, type Label } from './vocabulary'

type Lang = 'en' | 'fr'

const T = {
  title: { en: 'Dyad data dictionary', fr: 'Dictionnaire de données Dyade' },
  generated: {
    en: 'Generated from the metadata source (`npm run metadata -- docs`); do not edit by hand.',
    fr: 'Généré à partir de la source des métadonnées (`npm run metadata -- docs`) ; ne pas modifier à la main.',
  },
  programs: { en: 'Tracker programs', fr: 'Programmes tracker' },
  attributes: { en: 'Attributes (registration)', fr: 'Attributs (enregistrement)' },
  stage: { en: 'Stage', fr: 'Étape' },
  repeatable: { en: 'repeatable', fr: 'répétable' },
  once: { en: 'once per enrolment', fr: 'une fois par inscription' },
  eventDate: { en: 'Event date', fr: 'Date de l’événement' },
  section: { en: 'Section', fr: 'Section' },
  question: { en: 'Question on the form', fr: 'Question du formulaire' },
  name: { en: 'Name', fr: 'Nom' },
  code: { en: 'Code', fr: 'Code' },
  type: { en: 'Value type', fr: 'Type de valeur' },
  options: { en: 'Options', fr: 'Options' },
  unit: { en: 'Unit', fr: 'Unité' },
  relationship: { en: 'Relationship', fr: 'Relation' },
  rules: { en: 'Program rules (form behaviour)', fr: 'Règles de programme (comportement du formulaire)' },
  constants: { en: 'Constants (thresholds, to be confirmed nationally)', fr: 'Constantes (seuils, à confirmer au niveau national)' },
  indicators: { en: 'Indicators', fr: 'Indicateurs' },
  numerator: { en: 'Numerator', fr: 'Numérateur' },
  denominator: { en: 'Denominator', fr: 'Dénominateur' },
  formula: { en: 'Formula', fr: 'Formule' },
  source: { en: 'Source', fr: 'Source' },
  deviation: { en: 'Departure from the reference', fr: 'Écart à la référence' },
  aggregate: { en: 'Private-sector monthly report', fr: 'Rapport mensuel du secteur privé' },
  disaggregation: { en: 'Disaggregation', fr: 'Désagrégation' },
  none: { en: 'none', fr: 'aucune' },
  validation: { en: 'Validation rules', fr: 'Règles de validation' },
  groupSets: { en: 'Organisation unit group sets', fr: 'Groupes d’unités d’organisation' },
  aggIndicators: { en: 'Aggregate indicators', fr: 'Indicateurs agrégés' },
  yes: { en: 'Yes', fr: 'Oui' },
  count: { en: 'count', fr: 'nombre' },
  percent: { en: 'percentage', fr: 'pourcentage' },
  ratio: { en: 'ratio', fr: 'ratio' },
  identifier: { en: 'generated identifier, pattern', fr: 'identifiant généré, modèle' },
} satisfies Record<string, Label>

const VALUE_TYPE: Record<string, Label> = {
  TEXT: { en: 'text', fr: 'texte' },
  LONG_TEXT: { en: 'long text', fr: 'texte long' },
  BOOLEAN: { en: 'yes/no', fr: 'oui/non' },
  TRUE_ONLY: { en: 'yes only', fr: 'oui seulement' },
  DATE: { en: 'date', fr: 'date' },
  NUMBER: { en: 'number', fr: 'nombre' },
  INTEGER: { en: 'integer', fr: 'entier' },
  INTEGER_POSITIVE: { en: 'positive integer', fr: 'entier positif' },
  INTEGER_ZERO_OR_POSITIVE: { en: 'integer ≥ 0', fr: 'entier ≥ 0' },
  PHONE_NUMBER: { en: 'phone number', fr: 'numéro de téléphone' },
  AGE: { en: 'date of birth / age', fr: 'date de naissance / âge' },
}

/** French typography: a (narrow) space before the colon. */
const colon = (lang: Lang): string => (lang === 'fr' ? '\u00a0: ' : ': ')
const UNITS: Record<string, Label> = { weeks: { en: 'weeks', fr: 'semaines' } }
const unitText = (u: string | undefined, lang: Lang): string => (u ? UNITS[u]?.[lang] ?? u : '')
const vt = (v: string, lang: Lang): string => VALUE_TYPE[v]?.[lang] ?? v
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
const row = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`
const table = (head: string[], rows: string[][]): string => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n')

function optionsText(optionSet: string | undefined, lang: Lang): string {
  if (!optionSet) return ''
  const os = OPTION_SETS.find((o) => o.code === optionSet)
  return os ? os.options.map((o) => `${o.name[lang]} (${o.code})`).join('; ') : optionSet
}

// ---------------------------------------------------------------------------------------------
// Rules in words
// ---------------------------------------------------------------------------------------------

const OP: Record<string, Label> = {
  lt: { en: '<', fr: '<' },
  le: { en: '≤', fr: '≤' },
  gt: { en: '>', fr: '>' },
  ge: { en: '≥', fr: '≥' },
  eqNum: { en: '=', fr: '=' },
}

function conditionWords(c: Condition, lang: Lang): string {
  if ('ageDays' in c) {
    const { min, max } = c.ageDays
    if (min !== undefined && max !== undefined) return lang === 'en' ? `infant aged ${min} to ${max - 1} days` : `nourrisson âgé de ${min} à ${max - 1} jours`
    if (min !== undefined) return lang === 'en' ? `infant aged ${min} days or more` : `nourrisson âgé de ${min} jours ou plus`
    return lang === 'en' ? `infant aged less than ${max} days` : `nourrisson âgé de moins de ${max} jours`
  }
  const de = DATA_ELEMENTS.find((d) => d.code === c.de)
  const label = de ? `« ${de.shortName[lang]} »` : c.de
  const optName = (code: string): string => {
    if (de?.valueType === 'BOOLEAN') return code === 'true' ? T.yes[lang] : lang === 'en' ? 'No' : 'Non'
    const os = OPTION_SETS.find((o) => o.code === de?.optionSet)
    return os?.options.find((o) => o.code === code)?.name[lang] ?? code
  }
  switch (c.op) {
    case 'hasValue':
      return lang === 'en' ? `${label} recorded` : `${label} renseigné`
    case 'noValue':
      return lang === 'en' ? `${label} not recorded` : `${label} non renseigné`
    case 'eq':
      return `${label} = ${optName(c.value)}`
    case 'ne':
      return `${label} ≠ ${optName(c.value)}`
    case 'in':
      return lang === 'en' ? `${label} is one of: ${c.values.map(optName).join(', ')}` : `${label} parmi : ${c.values.map(optName).join(', ')}`
    default:
      return `${label} ${OP[c.op][lang]} ${c.value}`
  }
}

export function ruleWords(rule: EventRule, lang: Lang): string {
  const stage = STAGES.find((s) => s.code === rule.stage)
  const stageName = stage ? stage.name[lang] : rule.stage
  const head = lang === 'en' ? `Events “${stageName}” dated in the period (active or completed)` : `Événements « ${stageName} » datés dans la période (actifs ou terminés)`
  if (rule.where.length === 0) return head
  return `${head} ${lang === 'en' ? 'where' : 'avec'} ${rule.where.map((c) => conditionWords(c, lang)).join(lang === 'en' ? ' and ' : ' et ')}`
}

function indicatorFormula(d: IndicatorDef, lang: Lang): string {
  if (d.kind === 'tracker' && d.numerator) {
    const num = ruleWords(d.numerator, lang)
    if (!d.denominator) return num
    const den = ruleWords(d.denominator, lang)
    return `(${num}) ÷ (${den})${d.unit === 'percent' ? ' × 100' : ''}`
  }
  if (d.kind === 'derived' && d.derived) {
    return lang === 'en'
      ? `(${d.derived.from} in the period − ${d.derived.from} in the same period last year) ÷ ${d.derived.from} in the same period last year × 100`
      : `(${d.derived.from} de la période − ${d.derived.from} de la même période N-1) ÷ ${d.derived.from} de la même période N-1 × 100`
  }
  return d.aggregate?.intent[lang] ?? ''
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

function programsMarkdown(lang: Lang): string {
  const out: string[] = [`# ${T.title[lang]} — ${T.programs[lang]}`, '', `_${T.generated[lang]}_`, '']
  for (const p of PROGRAMS) {
    out.push(`## ${p.name[lang]} (\`${p.code}\`, UID \`${ids.program(p.code)}\`)`, '')
    out.push(`- ${lang === 'en' ? 'Enrolment date' : 'Date d’inscription'}${colon(lang)}${p.enrollmentDateLabel[lang]}`)
    out.push(`- ${lang === 'en' ? 'Incident date' : 'Date de l’incident'}${colon(lang)}${p.incidentDateLabel[lang]}`, '')
    out.push(`### ${T.attributes[lang]}`, '')
    out.push(
      table(
        [T.question[lang], T.code[lang], T.type[lang], T.options[lang]],
        p.attributes.map((a) => {
          const def = ATTRIBUTES.find((x) => x.code === a)
          if (!def) return [a, a, '', '']
          const extra = def.generated ? ` (${T.identifier[lang]} ${ID_PATTERN})` : ''
          return [def.formName[lang], def.code, vt(def.valueType, lang) + extra, optionsText(def.optionSet, lang)]
        }),
      ),
      '',
    )
    for (const sc of p.stages) {
      const st = STAGES.find((s) => s.code === sc)
      if (!st) continue
      out.push(`### ${T.stage[lang]}${colon(lang)}${st.name[lang]} (\`${st.code}\`, ${st.repeatable ? T.repeatable[lang] : T.once[lang]})`, '')
      out.push(`${T.eventDate[lang]}${colon(lang)}${st.eventDateLabel[lang]}`, '')
      const rows: string[][] = []
      for (const sec of STAGE_SECTIONS[st.code] ?? []) {
        for (const dc of sec.dataElements) {
          const de = DATA_ELEMENTS.find((d) => d.code === dc)
          if (!de) continue
          rows.push([sec.name[lang], de.formName[lang], de.code, vt(de.valueType, lang), unitText(de.unit, lang), optionsText(de.optionSet, lang)])
        }
      }
      out.push(table([T.section[lang], T.question[lang], T.code[lang], T.type[lang], T.unit[lang], T.options[lang]], rows), '')
    }
  }
  const r = RELATIONSHIP_LABELS
  out.push(`## ${T.relationship[lang]}${colon(lang)}${r.name[lang]}`, '', `${r.description[lang]} (${r.fromToName[lang]} / ${r.toFromName[lang]}).`, '')
  out.push(`## ${T.rules[lang]}`, '')
  out.push(table([T.name[lang], lang === 'en' ? 'What it does' : 'Ce que fait la règle', T.code[lang]], RULES.map((x) => [x.name[lang].replace(/^Dyade? - /, ''), x.description[lang], x.code])), '')
  out.push(`## ${T.constants[lang]}`, '')
  out.push(table([T.name[lang], lang === 'en' ? 'Default value' : 'Valeur par défaut', T.code[lang]], CONSTANTS.map((c) => [c.description[lang], String(c.value), c.code])), '')
  return out.join('\n')
}

function indicatorsMarkdown(lang: Lang): string {
  const out: string[] = [`# ${T.title[lang]} — ${T.indicators[lang]}`, '', `_${T.generated[lang]}_`, '']
  for (const d of CATALOG) {
    out.push(`## ${d.name[lang]} (\`${d.code}\`)`, '')
    out.push(d.description[lang], '')
    out.push(`- ${T.numerator[lang]}${colon(lang)}${d.numeratorText[lang]}`)
    if (d.denominatorText) out.push(`- ${T.denominator[lang]}${colon(lang)}${d.denominatorText[lang]}`)
    out.push(`- ${T.formula[lang]}${colon(lang)}${indicatorFormula(d, lang)}`)
    out.push(`- ${T.unit[lang]}${colon(lang)}${T[d.unit][lang]}`)
    if (d.programIndicators) out.push(`- DHIS2: ${[d.programIndicators.numerator, d.programIndicators.denominator, d.indicatorCode].filter(Boolean).map((c) => `\`${c}\``).join(', ')}`)
    else if (d.indicatorCode) out.push(`- DHIS2: \`${d.indicatorCode}\``)
    out.push(`- ${T.source[lang]}${colon(lang)}${d.source.reference}${d.source.reasoning ? ` — ${d.source.reasoning[lang]}` : ''}`)
    if (d.deviation) out.push(`- ${T.deviation[lang]}${colon(lang)}${d.deviation[lang]}`)
    out.push('')
  }
  return out.join('\n')
}

function aggregateMarkdown(lang: Lang): string {
  const out: string[] = [`# ${T.title[lang]} — ${T.aggregate[lang]}`, '', `_${T.generated[lang]}_`, '']
  out.push(`## ${DATA_SET.name[lang]} (\`${DATA_SET.code}\`, UID \`${aggIds.dataSet()}\`)`, '', DATA_SET.description[lang], '')
  out.push(lang === 'en' ? `Monthly; data entry open ${DATA_SET.expiryDays} days after the month; on time if completed within ${DATA_SET.timelyDays} days.` : `Mensuel ; saisie ouverte ${DATA_SET.expiryDays} jours après le mois ; à temps si complété dans les ${DATA_SET.timelyDays} jours.`, '')
  for (const s of SECTIONS) {
    out.push(`### ${s.name[lang]}`, '', s.description[lang], '')
    const rows = AGG_DATA_ELEMENTS.filter((d) => d.section === s.code).map((d) => {
      const combo = CATEGORY_COMBOS.find((c) => c.code === d.categoryCombo)
      const dis = combo
        ? combo.categories
            .map((cc) => CATEGORIES.find((c) => c.code === cc))
            .map((c) => (c ? `${c.name[lang].replace(/^Dyade? - /, '')}${colon(lang)}${c.options.map((o) => categoryOptionByCode(o)?.shortName[lang] ?? o).join(', ')}` : ''))
            .join(' × ')
        : T.none[lang]
      return [d.formName[lang], d.code, vt(d.valueType, lang), dis]
    })
    out.push(table([T.question[lang], T.code[lang], T.type[lang], T.disaggregation[lang]], rows), '')
  }
  out.push(`## ${T.validation[lang]}`, '')
  out.push(table([T.name[lang], lang === 'en' ? 'Instruction' : 'Consigne', T.code[lang]], VALIDATION_RULES.map((v) => [v.name[lang].replace(/^Dyade? SP - |^Dyad PS - /, ''), v.instruction[lang], v.code])), '')
  out.push(`## ${T.aggIndicators[lang]}`, '')
  out.push(
    table(
      [T.name[lang], T.numerator[lang], T.denominator[lang], T.code[lang]],
      aggregateIndicatorSpecs().map((s) => [s.name[lang].replace(/^Dyade? - /, ''), s.numeratorDescription[lang], s.denominatorDescription[lang], s.code]),
    ),
    '',
  )
  out.push(`## ${T.groupSets[lang]}`, '')
  for (const gs of GROUP_SETS) out.push(`- **${gs.name[lang]}** (\`${gs.code}\`): ${gs.groups.map((g) => g.name[lang]).join('; ')}`)
  out.push('')
  return out.join('\n')
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

function csv(rows: string[][], sep: string): string {
  const q = (s: string): string => {
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
    return /["\n\r]/.test(safe) || safe.includes(sep) ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  return `\ufeff${rows.map((r) => r.map(q).join(sep)).join('\r\n')}\r\n`
}

function dataElementsCsv(lang: Lang): string {
  const head = lang === 'en'
    ? ['program', 'stage', 'section', 'code', 'uid', 'name', 'short name', 'question', 'value type', 'unit', 'options']
    : ['programme', 'étape', 'section', 'code', 'uid', 'nom', 'nom court', 'question', 'type de valeur', 'unité', 'options']
  const rows: string[][] = [head]
  for (const p of PROGRAMS) {
    for (const sc of p.stages) {
      const st = STAGES.find((s) => s.code === sc)
      if (!st) continue
      for (const sec of STAGE_SECTIONS[st.code] ?? []) {
        for (const dc of sec.dataElements) {
          const de = DATA_ELEMENTS.find((d) => d.code === dc)
          if (!de) continue
          rows.push([p.name[lang], st.name[lang], sec.name[lang], de.code, ids.dataElement(de.code), de.name[lang], de.shortName[lang], de.formName[lang], vt(de.valueType, lang), unitText(de.unit, lang), optionsText(de.optionSet, lang)])
        }
      }
    }
  }
  for (const d of AGG_DATA_ELEMENTS) {
    const combo = CATEGORY_COMBOS.find((c) => c.code === d.categoryCombo)
    rows.push([DATA_SET.name[lang], '', SECTIONS.find((s) => s.code === d.section)?.name[lang] ?? '', d.code, aggIds.dataElement(d.code), d.name[lang], d.shortName[lang], d.formName[lang], vt(d.valueType, lang), '', combo ? combo.name[lang] : ''])
  }
  return csv(rows, lang === 'fr' ? ';' : ',')
}

function indicatorsCsv(lang: Lang): string {
  const head = lang === 'en'
    ? ['code', 'DHIS2 indicator', 'name', 'kind', 'unit', 'numerator', 'denominator', 'formula', 'source']
    : ['code', 'indicateur DHIS2', 'nom', 'type', 'unité', 'numérateur', 'dénominateur', 'formule', 'source']
  const rows: string[][] = [head]
  for (const d of CATALOG) {
    rows.push([d.code, d.indicatorCode ? `${d.indicatorCode} (${uid('indicator', d.indicatorCode)})` : '', d.name[lang], d.kind, T[d.unit][lang], d.numeratorText[lang], d.denominatorText?.[lang] ?? '', indicatorFormula(d, lang), d.source.reference])
  }
  for (const s of aggregateIndicatorSpecs()) {
    if (CATALOG.some((d) => d.indicatorCode === s.code)) continue
    rows.push([s.code, `${s.code} (${uid('indicator', s.code)})`, s.name[lang].replace(/^Dyade? - /, ''), 'aggregate', s.percent ? T.percent[lang] : T.count[lang], s.numeratorDescription[lang], s.denominatorDescription[lang], s.description[lang], 'Dyad'])
  }
  return csv(rows, lang === 'fr' ? ';' : ',')
}

export const DOCS_DIR = path.join(ROOT, 'metadata/docs')

/** Write metadata/docs/{en,fr}/{programs,indicators,private-sector}.md and {data-elements,indicators}.csv. */
export function writeDocs(dir = DOCS_DIR): string[] {
  const files: string[] = []
  for (const lang of ['en', 'fr'] as const) {
    const d = path.join(dir, lang)
    mkdirSync(d, { recursive: true })
    const put = (name: string, text: string): void => {
      const f = path.join(d, name)
      writeFileSync(f, text)
      files.push(f)
    }
    put('programs.md', programsMarkdown(lang))
    put('indicators.md', indicatorsMarkdown(lang))
    put('private-sector.md', aggregateMarkdown(lang))
    put('data-elements.csv', dataElementsCsv(lang))
    put('indicators.csv', indicatorsCsv(lang))
  }
  const readme = [
    '# Dyad data dictionary / Dictionnaire de données Dyade',
    '',
    '- English: [programs](en/programs.md), [indicators](en/indicators.md), [private-sector report](en/private-sector.md), CSV: [data elements](en/data-elements.csv), [indicators](en/indicators.csv)',
    '- Français : [programmes](fr/programs.md), [indicateurs](fr/indicators.md), [rapport du secteur privé](fr/private-sector.md), CSV (séparateur ;) : [données](fr/data-elements.csv), [indicateurs](fr/indicators.csv)',
    '',
  ].join('\n')
  writeFileSync(path.join(dir, 'README.md'), readme)
  files.push(path.join(dir, 'README.md'))
  void uid
  return files
}
