import { randomInt } from 'node:crypto'

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ALNUM = `0123456789${LETTERS}`

/** A random DHIS2 UID (as the server's CodeGenerator makes for objects sent without one). */
export function uidRandom(): string {
  let s = LETTERS[randomInt(LETTERS.length)]
  for (let i = 0; i < 10; i++) s += ALNUM[randomInt(ALNUM.length)]
  return s
}
