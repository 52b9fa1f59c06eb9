/** @jest-environment node */
/**
 * Every message of i18n/en.pot must have a French translation in i18n/fr.po (French is the working
 * language of every Dyad user). After adding strings: `npx d2-app-scripts i18n extract`, then
 * `npx tsx scripts/po.ts sync` and translate the empty msgstr entries in i18n/fr.po.
 */
import { missingFrench, sourceMessages } from '../../scripts/po'

describe('i18n', () => {
  it('has a French translation for every message of en.pot', () => {
    const missing = missingFrench()
    if (missing.length > 0) {
      throw new Error(
        `${missing.length} message(s) of i18n/en.pot have no French translation in i18n/fr.po:\n` +
          missing.map((m) => `  - ${JSON.stringify(m)}`).join('\n') +
          '\nRun `npx tsx scripts/po.ts sync` and fill the empty msgstr entries.',
      )
    }
  })

  it('also checks the messages the d2 extractor leaves out (those with a colon)', () => {
    const src = sourceMessages()
    expect(src).toContain('Cross-check: app vs DHIS2 analytics')
    expect(src.filter((m) => m.includes(':')).length).toBeGreaterThan(10)
  })
})
