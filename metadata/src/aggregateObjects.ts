/**
 * DHIS2 objects of the private-sector monthly report (from ./aggregate): category options,
 * categories, category combos, category option combos (shipped: the import does not create them),
 * aggregate data elements, the data set with its sections (section form), validation rules, the
 * org-unit group sets Statut and Type de structure, and the aggregate indicators (completeness,
 * timeliness, CYP by method and total, FP users and visits, stock-out rate by product).
 */
import { CATALOG } from '../../src/domain/indicators/catalog'
import { DEFAULT_CYP_FACTORS } from '../../src/domain/fp/factors'
import {
  AGG_DATA_ELEMENTS,
  AGG_DE,
  CATEGORIES,
  CATEGORY_COMBOS,
  CATEGORY_OPTIONS,
  DATA_SET,
  DEFAULT_CATEGORY_COMBO,
  FP_METHOD_OPTIONS,
  FP_PRODUCT_OPTIONS,
  SECTIONS,
  aggIds,
  categoryOptionCombos,
  cocId,
  CATEGORY_COMBO,
} from './aggregate'
import { fr, l, ref, sharing, type D2Object } from './common'
import type { IndicatorSpec } from './indicators'
import { uid } from './uid'
import { GROUP_SETS, ids, type Label } from './vocabulary'

export function categoryOptions(): D2Object[] {
  return CATEGORY_OPTIONS.map((o) => ({
    id: aggIds.categoryOption(o.code),
    code: o.code,
    name: o.name.en,
    shortName: o.shortName.en,
    // disaggregation options: everyone may read and write data (the data set's sharing restricts entry)
    sharing: { ...sharing('dataCapture'), public: 'r-rw----' },
    translations: fr({ NAME: o.name, SHORT_NAME: o.shortName }),
  }))
}

export function categories(): D2Object[] {
  return CATEGORIES.map((c) => ({
    id: aggIds.category(c.code),
    code: c.code,
    name: c.name.en,
    shortName: c.shortName.en,
    dataDimension: true,
    dataDimensionType: 'DISAGGREGATION',
    categoryOptions: c.options.map((o) => ref(aggIds.categoryOption(o))),
    sharing: sharing('metadata'),
    translations: fr({ NAME: c.name, SHORT_NAME: c.shortName }),
  }))
}

export function categoryCombos(): D2Object[] {
  return CATEGORY_COMBOS.map((c) => ({
    id: aggIds.categoryCombo(c.code),
    code: c.code,
    name: c.name.en,
    dataDimensionType: 'DISAGGREGATION',
    skipTotal: false,
    categories: c.categories.map((x) => ref(aggIds.category(x))),
    sharing: sharing('metadata'),
    translations: fr({ NAME: c.name }),
  }))
}

export function categoryOptionCombosObjects(): D2Object[] {
  return CATEGORY_COMBOS.flatMap((c) =>
    categoryOptionCombos(c.code).map((coc) => ({
      id: coc.id,
      name: coc.name.en,
      ignoreApproval: false,
      categoryCombo: ref(aggIds.categoryCombo(c.code)),
      categoryOptions: coc.options.map((o) => ref(aggIds.categoryOption(o))),
      translations: fr({ NAME: coc.name }),
    })),
  )
}

export function aggregateDataElements(): D2Object[] {
  return AGG_DATA_ELEMENTS.map((d) => ({
    id: aggIds.dataElement(d.code),
    code: d.code,
    name: d.name.en,
    shortName: d.shortName.en,
    formName: d.formName.en,
    description: d.description.en,
    valueType: d.valueType,
    domainType: 'AGGREGATE',
    aggregationType: d.aggregationType,
    zeroIsSignificant: d.zeroIsSignificant,
    categoryCombo: ref(aggIds.categoryCombo(d.categoryCombo)),
    sharing: sharing('metadata'),
    translations: fr({ NAME: d.name, SHORT_NAME: d.shortName, FORM_NAME: d.formName, DESCRIPTION: d.description }),
  }))
}

export function dataSets(): D2Object[] {
  const dsId = aggIds.dataSet()
  return [
    {
      id: dsId,
      code: DATA_SET.code,
      name: DATA_SET.name.en,
      shortName: DATA_SET.shortName.en,
      description: DATA_SET.description.en,
      periodType: DATA_SET.periodType,
      categoryCombo: ref(DEFAULT_CATEGORY_COMBO),
      expiryDays: DATA_SET.expiryDays,
      openFuturePeriods: DATA_SET.openFuturePeriods,
      timelyDays: DATA_SET.timelyDays,
      formType: 'SECTION',
      mobile: false,
      validCompleteOnly: false,
      fieldCombinationRequired: false,
      compulsoryFieldsCompleteOnly: false,
      noValueRequiresComment: false,
      skipOffline: false,
      renderAsTabs: true,
      renderHorizontally: false,
      dataSetElements: AGG_DATA_ELEMENTS.map((d) => ({
        dataSet: ref(dsId),
        dataElement: ref(aggIds.dataElement(d.code)),
      })),
      sections: SECTIONS.map((s) => ref(aggIds.section(s.code))),
      sharing: sharing('dataCapture'),
      translations: fr({ NAME: DATA_SET.name, SHORT_NAME: DATA_SET.shortName, DESCRIPTION: DATA_SET.description }),
    },
  ]
}

export function sections(): D2Object[] {
  return SECTIONS.map((s, i) => ({
    id: aggIds.section(s.code),
    code: s.code,
    name: s.name.en,
    description: s.description.en,
    dataSet: ref(aggIds.dataSet()),
    sortOrder: i + 1,
    showRowTotals: false,
    showColumnTotals: true,
    dataElements: AGG_DATA_ELEMENTS.filter((d) => d.section === s.code).map((d) => ref(aggIds.dataElement(d.code))),
    greyedFields: [],
    indicators: [],
    translations: fr({ NAME: s.name, DESCRIPTION: s.description }),
  }))
}

// ---------------------------------------------------------------------------------------------
// Validation rules
// ---------------------------------------------------------------------------------------------

const total = (code: string): string => `#{${aggIds.dataElement(code)}}`

interface RuleSpec {
  code: string
  name: Label
  instruction: Label
  left: [string, Label]
  operator: 'less_than_or_equal_to' | 'equal_to'
  right: [string, Label]
}

export const VALIDATION_RULES: RuleSpec[] = [
  {
    code: 'DYAD_VR_ANC4_LE_ANC1',
    name: l('Dyad PS - ANC4 ≤ ANC1', 'Dyade SP - CPN4 ≤ CPN1'),
    instruction: l('ANC4 contacts cannot exceed ANC1 contacts over the same period.', 'Les CPN4 ne peuvent pas dépasser les CPN1 sur la même période.'),
    left: [total(AGG_DE.ANC4), l('ANC4', 'CPN4')],
    operator: 'less_than_or_equal_to',
    right: [total(AGG_DE.ANC1), l('ANC1', 'CPN1')],
  },
  {
    code: 'DYAD_VR_PPFP_LE_DELIVERIES',
    name: l('Dyad PS - Postpartum FP ≤ deliveries', 'Dyade SP - PF post-partum ≤ accouchements'),
    instruction: l('Women accepting FP before discharge cannot exceed deliveries in the facility.', 'Les acceptantes PF avant la sortie ne peuvent pas dépasser les accouchements dans la structure.'),
    left: [total(AGG_DE.PPFP), l('Postpartum FP before discharge', 'PF post-partum avant la sortie')],
    operator: 'less_than_or_equal_to',
    right: [total(AGG_DE.DELIVERIES), l('Deliveries', 'Accouchements')],
  },
  {
    code: 'DYAD_VR_PPFPC_LE_DELIVERIES',
    name: l('Dyad PS - Postpartum FP counselling ≤ deliveries', 'Dyade SP - Counseling PF post-partum ≤ accouchements'),
    instruction: l('Women counselled on FP before discharge cannot exceed deliveries in the facility.', 'Les accouchées conseillées en PF ne peuvent pas dépasser les accouchements dans la structure.'),
    left: [total(AGG_DE.PP_FP_COUNSELLED), l('Postpartum FP counselling', 'Counseling PF post-partum')],
    operator: 'less_than_or_equal_to',
    right: [total(AGG_DE.DELIVERIES), l('Deliveries', 'Accouchements')],
  },
  {
    code: 'DYAD_VR_FP_NEW_METHOD_EQ_AGE',
    name: l('Dyad PS - New FP users: total by method = total by age', 'Dyade SP - Nouvelles utilisatrices PF : total par méthode = total par âge'),
    instruction: l('The same new users are counted by method and by age group: both totals must be equal.', 'Les mêmes nouvelles utilisatrices sont comptées par méthode et par âge : les deux totaux doivent être égaux.'),
    left: [total(AGG_DE.FP_NEW_BY_METHOD), l('New users by method', 'Nouvelles utilisatrices par méthode')],
    operator: 'equal_to',
    right: [total(AGG_DE.FP_NEW_BY_AGE), l('New users by age group', 'Nouvelles utilisatrices par âge')],
  },
  {
    code: 'DYAD_VR_FP_CONT_METHOD_EQ_AGE',
    name: l('Dyad PS - Continuing FP users: total by method = total by age', 'Dyade SP - Anciennes utilisatrices PF : total par méthode = total par âge'),
    instruction: l('The same continuing users are counted by method and by age group: both totals must be equal.', 'Les mêmes anciennes utilisatrices sont comptées par méthode et par âge : les deux totaux doivent être égaux.'),
    left: [total(AGG_DE.FP_CONTINUING_BY_METHOD), l('Continuing users by method', 'Anciennes utilisatrices par méthode')],
    operator: 'equal_to',
    right: [total(AGG_DE.FP_CONTINUING_BY_AGE), l('Continuing users by age group', 'Anciennes utilisatrices par âge')],
  },
  {
    code: 'DYAD_VR_ENC_LE_LIVE_BIRTHS',
    name: l('Dyad PS - Essential newborn care ≤ live births', 'Dyade SP - SENN ≤ naissances vivantes'),
    instruction: l('Newborns given essential newborn care cannot exceed live births.', 'Les nouveau-nés ayant reçu les SENN ne peuvent pas dépasser les naissances vivantes.'),
    left: [total(AGG_DE.NB_ENC), l('Essential newborn care', 'SENN')],
    operator: 'less_than_or_equal_to',
    right: [total(AGG_DE.LIVE_BIRTHS), l('Live births', 'Naissances vivantes')],
  },
  {
    code: 'DYAD_VR_INF_RISK_LE_SCREENED',
    name: l('Dyad PS - Infants at risk ≤ infants screened', 'Dyade SP - NRS à risque ≤ NRS dépistés'),
    instruction: l('Infants at nutritional risk cannot exceed infants screened.', 'Les nourrissons à risque ne peuvent pas dépasser les nourrissons dépistés.'),
    left: [total(AGG_DE.INF_AT_RISK), l('Infants at risk', 'Nourrissons à risque')],
    operator: 'less_than_or_equal_to',
    right: [total(AGG_DE.INF_SCREENED), l('Infants screened', 'Nourrissons dépistés')],
  },
  {
    code: 'DYAD_VR_INF_REFERRED_LE_RISK',
    name: l('Dyad PS - Infants referred ≤ infants at risk', 'Dyade SP - NRS référés ≤ NRS à risque'),
    instruction: l('Infants referred cannot exceed infants at nutritional risk.', 'Les nourrissons référés ne peuvent pas dépasser les nourrissons à risque.'),
    left: [total(AGG_DE.INF_REFERRED), l('Infants referred', 'Nourrissons référés')],
    operator: 'less_than_or_equal_to',
    right: [total(AGG_DE.INF_AT_RISK), l('Infants at risk', 'Nourrissons à risque')],
  },
]

export function validationRules(): D2Object[] {
  return VALIDATION_RULES.map((r) => ({
    id: uid('validationRule', r.code),
    code: r.code,
    name: r.name.en,
    description: r.instruction.en,
    instruction: r.instruction.en,
    importance: 'MEDIUM',
    periodType: 'Monthly',
    operator: r.operator,
    leftSide: { expression: r.left[0], description: r.left[1].en, missingValueStrategy: 'SKIP_IF_ALL_VALUES_MISSING', slidingWindow: false },
    rightSide: { expression: r.right[0], description: r.right[1].en, missingValueStrategy: 'SKIP_IF_ALL_VALUES_MISSING', slidingWindow: false },
    organisationUnitLevels: [],
    skipFormValidation: false,
    sharing: sharing('metadata'),
    translations: fr({ NAME: r.name, DESCRIPTION: r.instruction, INSTRUCTION: r.instruction }),
  }))
}

// ---------------------------------------------------------------------------------------------
// Org-unit group sets (groups shipped empty: each country assigns its facilities)
// ---------------------------------------------------------------------------------------------

export function organisationUnitGroups(): D2Object[] {
  return GROUP_SETS.flatMap((s) =>
    s.groups.map((g) => ({
      id: ids.orgUnitGroup(g.code),
      code: g.code,
      name: g.name.en,
      shortName: g.shortName.en,
      sharing: sharing('metadata'),
      translations: fr({ NAME: g.name, SHORT_NAME: g.shortName }),
    })),
  )
}

export function organisationUnitGroupSets(): D2Object[] {
  return GROUP_SETS.map((s) => {
    const desc = l(`Dyad group set: ${s.name.en.replace('Dyad - ', '')}. Groups are shipped empty; each country assigns its facilities.`, `Groupe d’unités Dyade : ${s.name.fr.replace('Dyade - ', '')}. Groupes livrés vides ; chaque pays y affecte ses structures.`)
    return {
      id: ids.orgUnitGroupSet(s.code),
      code: s.code,
      name: s.name.en,
      shortName: s.shortName.en,
      description: desc.en,
      compulsory: false,
      dataDimension: true,
      includeSubhierarchyInAnalytics: false,
      organisationUnitGroups: s.groups.map((g) => ref(ids.orgUnitGroup(g.code))),
      sharing: sharing('metadata'),
      translations: fr({ NAME: s.name, SHORT_NAME: s.shortName, DESCRIPTION: desc }),
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Aggregate indicators
// ---------------------------------------------------------------------------------------------

const R = (metric: string): string => `R{${aggIds.dataSet()}.${metric}}`
const operand = (de: string, combo: string, options: string[]): string => `#{${aggIds.dataElement(de)}.${cocId(combo, options)}}`

/** CYP term of one method: units × factor, written as an exact fraction where the factor is 1/n. */
export function cypTerm(method: string): string | null {
  const f = DEFAULT_CYP_FACTORS.factors[method as keyof typeof DEFAULT_CYP_FACTORS.factors]
  if (!f) return null
  const item = operand(AGG_DE.FP_UNITS, CATEGORY_COMBO.FP_METHOD, [`DYAD_FPM_${method}`])
  if (f.perUnit < 1) {
    const n = Math.round(1 / f.perUnit)
    if (Math.abs(1 / n - f.perUnit) < 1e-12) return `${item} / ${n}`
  }
  return `${item} * ${Number(f.perUnit.toFixed(6))}`
}

const NUMBER_ONE = l('1', '1')

export function aggregateIndicatorSpecs(): IndicatorSpec[] {
  const catalogCyp = CATALOG.find((d) => d.code === 'CYP')
  const catalogRpt = CATALOG.find((d) => d.code === 'RPT_PRIV')
  const specs: IndicatorSpec[] = []
  const terms = FP_METHOD_OPTIONS.map((o) => (o.method ? cypTerm(o.method) : null)).filter((t): t is string => t !== null)
  specs.push({
    code: catalogCyp?.indicatorCode ?? 'DYAD_IN_CYP',
    name: l(`Dyad - ${catalogCyp?.name.en ?? 'Couple-years of protection'}`, `Dyade - ${catalogCyp?.name.fr ?? 'Couple-années de protection (CAP)'}`),
    shortName: catalogCyp?.shortName ?? l('Couple-years of protection', 'CAP'),
    description: catalogCyp?.description ?? l('CYP', 'CAP'),
    numerator: terms.join(' + '),
    numeratorDescription: catalogCyp?.numeratorText ?? l('Σ units × factor', 'Σ unités × facteur'),
    denominator: '1',
    denominatorDescription: NUMBER_ONE,
    percent: false,
  })
  for (const o of FP_METHOD_OPTIONS) {
    if (!o.method) continue
    const t = cypTerm(o.method)
    if (!t) continue
    const shortEn = `CYP ${o.shortName.en.replace(/^FPM /, '')}`.slice(0, 50)
    const shortFr = `CAP ${o.shortName.fr.replace(/^MPF /, '')}`.slice(0, 50)
    specs.push({
      code: `DYAD_IN_CYP_${o.method}`,
      name: l(`Dyad - Couple-years of protection: ${o.name.en.replace('FP method: ', '')}`, `Dyade - Couple-années de protection : ${o.name.fr.replace('Méthode PF : ', '')}`),
      shortName: l(shortEn, shortFr),
      description: l(`CYP from the units of this method distributed in the period (factor ${DEFAULT_CYP_FACTORS.factors[o.method]?.basis ?? ''}).`, `CAP des unités de cette méthode distribuées sur la période (facteur ${DEFAULT_CYP_FACTORS.factors[o.method]?.basis ?? ''}).`),
      numerator: t,
      numeratorDescription: l('Units distributed × CYP factor', 'Unités distribuées × facteur CAP'),
      denominator: '1',
      denominatorDescription: NUMBER_ONE,
      percent: false,
    })
  }
  specs.push({
    code: catalogRpt?.indicatorCode ?? 'DYAD_IN_RPT_PRIV',
    name: l(`Dyad - ${catalogRpt?.name.en ?? 'Reporting completeness'}`, `Dyade - ${catalogRpt?.name.fr ?? 'Complétude des rapports'}`),
    shortName: catalogRpt?.shortName ?? l('Report completeness', 'Complétude'),
    description: catalogRpt?.description ?? l('Completeness', 'Complétude'),
    numerator: R('ACTUAL_REPORTS'),
    numeratorDescription: catalogRpt?.numeratorText ?? l('Reports received', 'Rapports reçus'),
    denominator: R('EXPECTED_REPORTS'),
    denominatorDescription: catalogRpt?.denominatorText ?? l('Reports expected', 'Rapports attendus'),
    percent: true,
    ...(catalogRpt?.legend ? { legendSet: `DYAD_LS_${catalogRpt.code}` } : {}),
  })
  specs.push({
    code: 'DYAD_IN_RPT_PRIV_TIMELY',
    name: l('Dyad - Private facilities with a monthly report on time (%)', 'Dyade - Promptitude des rapports mensuels – structures privées (%)'),
    shortName: l('Private report timeliness (%)', 'Promptitude rapports privés (%)'),
    description: l(`Reports received on time (within ${DATA_SET.timelyDays} days after the month) over reports expected.`, `Rapports reçus à temps (dans les ${DATA_SET.timelyDays} jours suivant le mois) sur rapports attendus.`),
    numerator: R('ACTUAL_REPORTS_ON_TIME'),
    numeratorDescription: l('Reports received on time', 'Rapports reçus à temps'),
    denominator: R('EXPECTED_REPORTS'),
    denominatorDescription: l('Reports expected', 'Rapports attendus'),
    percent: true,
    ...(catalogRpt?.legend ? { legendSet: `DYAD_LS_${catalogRpt.code}` } : {}),
  })
  specs.push({
    code: 'DYAD_IN_FP_USERS',
    name: l('Dyad - FP users (new and continuing), reporting facilities', 'Dyade - Utilisatrices PF (nouvelles et anciennes), structures déclarantes'),
    shortName: l('FP users (new + continuing)', 'Utilisatrices PF (nouv. + anc.)'),
    description: l(
      'New plus continuing FP users of the monthly report. Read by the Ownership group set: the private share is the value of the private groups divided by the total.',
      'Nouvelles plus anciennes utilisatrices PF du rapport mensuel. À lire par le groupe Statut : la part du privé est la valeur des groupes privés divisée par le total.',
    ),
    numerator: `${total(AGG_DE.FP_NEW_BY_METHOD)} + ${total(AGG_DE.FP_CONTINUING_BY_METHOD)}`,
    numeratorDescription: l('New users + continuing users (by method)', 'Nouvelles + anciennes utilisatrices (par méthode)'),
    denominator: '1',
    denominatorDescription: NUMBER_ONE,
    percent: false,
  })
  specs.push({
    code: 'DYAD_IN_VISITS',
    name: l('Dyad - Outpatient consultations, reporting facilities', 'Dyade - Consultations externes, structures déclarantes'),
    shortName: l('Outpatient consultations', 'Consultations externes'),
    description: l(
      'Outpatient consultations of the monthly report. Read by the Ownership group set: the private share is the value of the private groups divided by the total.',
      'Consultations externes du rapport mensuel. À lire par le groupe Statut : la part du privé est la valeur des groupes privés divisée par le total.',
    ),
    numerator: total(AGG_DE.CONSULTATIONS),
    numeratorDescription: l('Outpatient consultations', 'Consultations externes'),
    denominator: '1',
    denominatorDescription: NUMBER_ONE,
    percent: false,
  })
  for (const p of FP_PRODUCT_OPTIONS) {
    const suffix = p.code.replace('DYAD_PROD_', '')
    specs.push({
      code: `DYAD_IN_STOCKOUT_${suffix}`,
      name: l(`Dyad - Stock-out rate: ${p.name.en.replace('Product: ', '')} (%)`, `Dyade - Taux de rupture : ${p.name.fr.replace('Produit : ', '')} (%)`),
      shortName: l(`Stock-out ${p.shortName.en.replace(/^Prod /, '')} (%)`.slice(0, 50), `Rupture ${p.shortName.fr.replace(/^Prod /, '')} (%)`.slice(0, 50)),
      description: l('Facility-months with a stock-out of the product over reports received.', 'Mois-structures avec rupture du produit sur rapports reçus.'),
      numerator: operand(AGG_DE.STOCKOUT, CATEGORY_COMBO.FP_PRODUCT, [p.code]),
      numeratorDescription: l('Reports declaring a stock-out of the product', 'Rapports déclarant une rupture du produit'),
      denominator: R('ACTUAL_REPORTS'),
      denominatorDescription: l('Reports received', 'Rapports reçus'),
      percent: true,
    })
  }
  return specs
}
