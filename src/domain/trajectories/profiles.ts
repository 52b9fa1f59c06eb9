/**
 * Care-trajectory profiles (seed 003: routine data → service-use profiles → local governance
 * dashboard). Each pair's path through the four entry points is summarised as facts (number of
 * ANC contacts, week of the first contact, place of delivery, postnatal and infant contacts…), and
 * profiles are editable rules over those facts: data with French and English names and
 * descriptions, shown to users and stored in the dataStore by the setup page.
 *
 * A pair may match several profiles (e.g. a late first ANC contact within a complete continuum);
 * shares are of the pairs in scope.
 */
import type { Label } from '../../../metadata/src/vocabulary'

export type FactKey =
  | 'hasMother'
  | 'ancContacts'
  | 'firstAncWeeks'
  | 'delivered'
  | 'facilityDelivery'
  | 'pncContacts'
  | 'pnc48'
  | 'pncD6'
  | 'pncD42'
  | 'infantContacts'
  | 'daysSinceDelivery'

export type FactType = 'boolean' | 'number'

export const FACTS: Record<FactKey, { type: FactType; label: Label }> = {
  hasMother: { type: 'boolean', label: { en: 'Mother registered', fr: 'Mère enregistrée' } },
  ancContacts: { type: 'number', label: { en: 'Number of ANC contacts', fr: 'Nombre de CPN' } },
  firstAncWeeks: { type: 'number', label: { en: 'Gestational age at first ANC contact (weeks)', fr: 'Âge gestationnel à la première CPN (semaines)' } },
  delivered: { type: 'boolean', label: { en: 'Delivery recorded', fr: 'Accouchement enregistré' } },
  facilityDelivery: { type: 'boolean', label: { en: 'Delivery in a health facility', fr: 'Accouchement dans une formation sanitaire' } },
  pncContacts: { type: 'number', label: { en: 'Number of postnatal contacts', fr: 'Nombre de CPoN' } },
  pnc48: { type: 'boolean', label: { en: 'Postnatal contact within 48 hours', fr: 'CPoN dans les 48 heures' } },
  pncD6: { type: 'boolean', label: { en: 'Postnatal contact at day 6', fr: 'CPoN J6' } },
  pncD42: { type: 'boolean', label: { en: 'Postnatal contact at day 42', fr: 'CPoN J42' } },
  infantContacts: { type: 'number', label: { en: 'Number of infant visits', fr: 'Nombre de visites du nourrisson' } },
  daysSinceDelivery: { type: 'number', label: { en: 'Days since delivery (at the end of the period)', fr: 'Jours depuis l’accouchement (à la fin de la période)' } },
}

export type CriterionOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'known' | 'unknown'

/** A value, or a named parameter of the profile set (e.g. { param: 'lateAncWeeks' }). */
export type CriterionValue = number | boolean | { param: string }

export interface Criterion {
  fact: FactKey
  op: CriterionOp
  value?: CriterionValue
}

export interface ProfileRule {
  code: string
  name: Label
  description: Label
  /** All must hold (AND). A fact that is unknown (null) fails every comparison except `unknown`. */
  criteria: Criterion[]
}

export interface ProfileParameter {
  key: string
  label: Label
  value: number
  min: number
  max: number
}

export interface ProfileSet {
  version: number
  parameters: ProfileParameter[]
  profiles: ProfileRule[]
}

const l = (en: string, fr: string): Label => ({ en, fr })

export const DEFAULT_PROFILE_SET: ProfileSet = {
  version: 1,
  parameters: [
    {
      key: 'lateAncWeeks',
      label: l('First ANC contact is late from this week of pregnancy', 'Première CPN tardive à partir de cette semaine de grossesse'),
      value: 16,
      min: 8,
      max: 28,
    },
    {
      key: 'followUpDays',
      label: l('Days after delivery before a pair without any follow-up is “lost”', 'Jours après l’accouchement avant qu’une paire sans suivi soit « perdue de vue »'),
      value: 42,
      min: 7,
      max: 180,
    },
    { key: 'completeAncContacts', label: l('ANC contacts for a complete continuum', 'CPN pour un continuum complet'), value: 4, min: 1, max: 8 },
  ],
  profiles: [
    {
      code: 'COMPLETE_CONTINUUM',
      name: l('Complete continuum', 'Continuum complet'),
      description: l(
        'At least the required number of ANC contacts, delivery in a health facility, at least one postnatal contact and at least one infant visit.',
        'Au moins le nombre requis de CPN, accouchement dans une formation sanitaire, au moins une CPoN et au moins une visite du nourrisson.',
      ),
      criteria: [
        { fact: 'ancContacts', op: 'ge', value: { param: 'completeAncContacts' } },
        { fact: 'facilityDelivery', op: 'eq', value: true },
        { fact: 'pncContacts', op: 'ge', value: 1 },
        { fact: 'infantContacts', op: 'ge', value: 1 },
      ],
    },
    {
      code: 'ANC_NO_FACILITY_DELIVERY',
      name: l('ANC without facility delivery', 'CPN sans accouchement en formation sanitaire'),
      description: l('At least one ANC contact, and a delivery recorded outside a health facility (home, on the way, unknown place).', 'Au moins une CPN, et un accouchement enregistré hors formation sanitaire (domicile, en route, lieu inconnu).'),
      criteria: [
        { fact: 'ancContacts', op: 'ge', value: 1 },
        { fact: 'delivered', op: 'eq', value: true },
        { fact: 'facilityDelivery', op: 'eq', value: false },
      ],
    },
    {
      code: 'FACILITY_DELIVERY_NO_ANC',
      name: l('Facility delivery without ANC', 'Accouchement en formation sanitaire sans CPN'),
      description: l('Delivery in a health facility with no ANC contact recorded for the pregnancy.', 'Accouchement dans une formation sanitaire sans aucune CPN enregistrée pour la grossesse.'),
      criteria: [
        { fact: 'facilityDelivery', op: 'eq', value: true },
        { fact: 'ancContacts', op: 'eq', value: 0 },
      ],
    },
    {
      code: 'LATE_FIRST_ANC',
      name: l('Late first ANC contact', 'Première CPN tardive'),
      description: l('The first ANC contact took place at or after the chosen week of pregnancy.', 'La première CPN a eu lieu à partir de la semaine de grossesse choisie.'),
      criteria: [{ fact: 'firstAncWeeks', op: 'ge', value: { param: 'lateAncWeeks' } }],
    },
    {
      code: 'LOST_AFTER_DELIVERY',
      name: l('Lost after delivery', 'Perdus de vue après l’accouchement'),
      description: l(
        'Delivery recorded, no postnatal contact and no infant visit, and enough time has passed since the delivery.',
        'Accouchement enregistré, aucune CPoN ni visite du nourrisson, et assez de temps écoulé depuis l’accouchement.',
      ),
      criteria: [
        { fact: 'delivered', op: 'eq', value: true },
        { fact: 'pncContacts', op: 'eq', value: 0 },
        { fact: 'infantContacts', op: 'eq', value: 0 },
        { fact: 'daysSinceDelivery', op: 'ge', value: { param: 'followUpDays' } },
      ],
    },
    {
      code: 'ANC_ONLY',
      name: l('ANC only (no delivery recorded)', 'CPN seulement (pas d’accouchement enregistré)'),
      description: l('At least one ANC contact and no delivery recorded (pregnancy ongoing, delivered elsewhere, or lost to follow-up).', 'Au moins une CPN et pas d’accouchement enregistré (grossesse en cours, accouchement ailleurs ou perdue de vue).'),
      criteria: [
        { fact: 'ancContacts', op: 'ge', value: 1 },
        { fact: 'delivered', op: 'eq', value: false },
      ],
    },
  ],
}

/** Errors of an edited profile set (empty = valid), in English and French. */
export function validateProfileSet(set: ProfileSet): Label[] {
  const errors: Label[] = []
  const params = new Map(set.parameters.map((p) => [p.key, p]))
  for (const p of set.parameters) {
    if (!Number.isFinite(p.value) || p.value < p.min || p.value > p.max) {
      errors.push(l(`Parameter ${p.key}: ${p.value} is outside ${p.min}–${p.max}.`, `Paramètre ${p.key} : ${p.value} est hors de ${p.min}–${p.max}.`))
    }
  }
  const codes = new Set<string>()
  for (const r of set.profiles) {
    if (!/^[A-Z][A-Z0-9_]{0,49}$/.test(r.code)) errors.push(l(`Profile code “${r.code}” must be upper case letters, digits and _.`, `Le code de profil « ${r.code} » doit être en majuscules, chiffres et _.`))
    if (codes.has(r.code)) errors.push(l(`Profile code ${r.code} is used twice.`, `Le code de profil ${r.code} est utilisé deux fois.`))
    codes.add(r.code)
    if (!r.name.en.trim() || !r.name.fr.trim()) errors.push(l(`Profile ${r.code} needs a name in English and French.`, `Le profil ${r.code} doit avoir un nom en anglais et en français.`))
    if (!r.description.en.trim() || !r.description.fr.trim()) errors.push(l(`Profile ${r.code} needs a description in English and French.`, `Le profil ${r.code} doit avoir une description en anglais et en français.`))
    if (r.criteria.length === 0) errors.push(l(`Profile ${r.code} has no criterion.`, `Le profil ${r.code} n’a aucun critère.`))
    for (const c of r.criteria) {
      const f = FACTS[c.fact]
      if (!f) {
        errors.push(l(`Profile ${r.code}: unknown fact ${String(c.fact)}.`, `Profil ${r.code} : donnée inconnue ${String(c.fact)}.`))
        continue
      }
      if (c.op === 'known' || c.op === 'unknown') continue
      const v = c.value
      if (v === undefined) {
        errors.push(l(`Profile ${r.code}: ${c.fact} ${c.op} needs a value.`, `Profil ${r.code} : ${c.fact} ${c.op} demande une valeur.`))
      } else if (typeof v === 'object') {
        if (!params.has(v.param)) errors.push(l(`Profile ${r.code}: unknown parameter ${v.param}.`, `Profil ${r.code} : paramètre inconnu ${v.param}.`))
        if (f.type !== 'number') errors.push(l(`Profile ${r.code}: ${c.fact} is yes/no, not a number.`, `Profil ${r.code} : ${c.fact} est oui/non, pas un nombre.`))
      } else if (typeof v !== f.type) {
        errors.push(l(`Profile ${r.code}: ${c.fact} expects a ${f.type === 'number' ? 'number' : 'yes/no'} value.`, `Profil ${r.code} : ${c.fact} attend une valeur ${f.type === 'number' ? 'numérique' : 'oui/non'}.`))
      } else if (f.type === 'boolean' && c.op !== 'eq' && c.op !== 'ne') {
        errors.push(l(`Profile ${r.code}: ${c.fact} is yes/no; use “equals” or “differs”.`, `Profil ${r.code} : ${c.fact} est oui/non ; utiliser « égal » ou « différent ».`))
      }
    }
  }
  return errors
}
