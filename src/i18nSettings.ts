/**
 * App-wide i18next settings, applied once by each entry point (App.tsx, Plugin.tsx) and by the
 * component-test setup.
 *
 * d2-i18n starts i18next with `escapeValue: true`, so every interpolated value is HTML-escaped:
 * translating "Scorecard — {{orgUnit}}" with orgUnit = "CSPS d'Arbinda" gave `CSPS d&#39;Arbinda`
 * and a `/` became `&#x2F;`. React already renders every string as text (never as HTML; the app
 * has no dangerouslySetInnerHTML), so that escaping only garbled names — French place names with
 * an apostrophe (d', l') above all. Values are therefore interpolated as they are.
 */
import i18n from '@dhis2/d2-i18n'

export function applyI18nSettings(): void {
  i18n.options.interpolation = { ...(i18n.options.interpolation ?? {}), escapeValue: false }
  // The interpolator copied the options at init; reset() re-reads them.
  const interpolator = i18n.services?.interpolator as { init?: (o: unknown) => void } | undefined
  interpolator?.init?.({ interpolation: i18n.options.interpolation })
}

applyI18nSettings()
