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
 */

export type Condition =
  /** Text/option/boolean equality. For BOOLEAN data elements value is 'true' or 'false'. */
  | { de: string; op: 'eq' | 'ne'; value: string }
  /** Option code is one of `values`. */
  | { de: string; op: 'in'; values: string[] }
  /** Numeric comparison. */
  | { de: string; op: 'lt' | 'le' | 'gt' | 'ge'; value: number }
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
