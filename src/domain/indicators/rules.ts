/**
 * The rule language of the indicator catalog.
 *
 * One rule drives both computations of an indicator side:
 *  - the pair engine (src/domain/indicators/engine.ts) evaluates it over tracker records;
 *  - the metadata build (metadata/src) translates it into a DHIS2 program indicator
 *    (analyticsType EVENT, expression V{event_count}, a filter, and analytics period boundaries on
 *    the event date), which DHIS2 analytics (or the sandbox's own expression evaluator) computes.
 * The cross-check (tests/crosscheck) proves the two agree on the same data.
 *
 * Semantics of an `events` rule: count the non-deleted events of `stage` whose event date
 * (occurredAt) falls in the period and whose org unit is in scope, and that satisfy every
 * condition (logical AND). Values are compared as DHIS2 stores them: option codes as text,
 * BOOLEAN as 'true'/'false' on the wire (1/0 in analytics), numbers as numbers.
 *
 * Missing values (precise semantics of the rule language — the engine implements exactly this):
 *  - a data element with no value in the event (absent, null or the empty string) FAILS every
 *    comparison: `eq`, `ne`, `in`, `lt`, `le`, `gt`, `ge`, `eqNum`. In particular `ne` is NOT true
 *    for a missing value, and `lt 2500` is not true for a missing birth weight.
 *  - `hasValue` is true iff a value is present; `noValue` is its negation.
 *
 * Translation to a DHIS2 program-indicator filter (metadata build) — REQUIRED for the cross-check:
 * DHIS2 generates `#{stage.de}` in a PI filter with `replaceNulls` on (a missing numeric/BOOLEAN
 * value becomes 0, a missing text value ''), so `#{s.de} != 1` or `#{s.de} < 2500` would be TRUE
 * for a missing value. Every comparison condition must therefore be emitted guarded:
 *    `(d2:hasValue(#{s.de}) && <comparison>)`
 * (for `eq 'true'` → `#{s.de} == 1` the guard is redundant but harmless); `hasValue` →
 * `d2:hasValue(#{s.de})`, `noValue` → `!d2:hasValue(#{s.de})`; `in` → a disjunction of `==`.
 *  - BOOLEAN: 'true' ⇔ analytics 1, 'false' ⇔ 0; so `eq 'true'` translates to `#{ps.de} == 1`.
 *    Any other text in a BOOLEAN data element is treated as missing (DHIS2 rejects it on import).
 *  - numeric comparisons parse the stored text as a number; text that is not a number fails
 *    (DHIS2 rejects it on import for numeric value types, so analytics has no such row value).
 *  - `ageDays` fails when the infant enrollment has no incident date or the event has no date;
 *    age = d2:daysBetween(V{incident_date}, V{event_date}) on the date parts (time of day ignored).
 *  - only events with status ACTIVE or COMPLETED count (DHIS2 event analytics also loads SCHEDULE
 *    events, dated by their due date): the program-indicator filter must therefore include
 *    `(V{event_status} == 'ACTIVE' || V{event_status} == 'COMPLETED')`;
 *  - an event without a date is in no period; an event with a deleted event, enrollment or
 *    tracked entity is not counted (analytics tables exclude deleted records).
 */

export type Condition =
  /** Text/option/boolean equality. For BOOLEAN data elements value is 'true' or 'false'. */
  | { de: string; op: 'eq' | 'ne'; value: string }
  /** Option code is one of `values`. */
  | { de: string; op: 'in'; values: string[] }
  /**
   * Numeric comparison (`eqNum`: numeric equality, `#{ps.de} == 4`, added for INTEGER data
   * elements such as the ANC contact number, where a text comparison would not be valid SQL).
   */
  | { de: string; op: 'lt' | 'le' | 'gt' | 'ge' | 'eqNum'; value: number }
  /** The data element has (or has no) value in the event. */
  | { de: string; op: 'hasValue' | 'noValue' }
  /**
   * Age of the infant at the event, in whole days, from the enrollment's incident date
   * (occurredAt = date of birth in the Infant program): min ≤ age < max.
   */
  | { ageDays: { min?: number; max?: number } }

export interface EventRule {
  kind: 'events'
  /** Program stage code (metadata/src/vocabulary STAGE). */
  stage: string
  where: Condition[]
}

export type Rule = EventRule
