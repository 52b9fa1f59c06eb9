/**
 * Tokenizer and parser for the subset of the DHIS2 expression language used by program
 * indicators (expressions and filters) and indicators (numerators and denominators).
 *
 * Grammar (precedence, loosest first): `||`/`or` · `&&`/`and` · `==` `!=` · `<` `<=` `>` `>=` ·
 * `+` `-` · `*` `/` `%` · unary `!`/`not` `-` `+` · `^` · primary. Primaries: numbers, 'strings'
 * or "strings", true/false, `( … )`, items `#{…}` `A{…}` `V{…}` `I{…}` `R{…}` `C{…}` `N{…}`
 * `D{…}` `OUG{…}` `PS_EVENTDATE:uid`, and function calls `d2:name(args)` or `name(args)`.
 * Independent of the app's pair engine (src/domain/indicators) on purpose.
 */

export type ItemKind = '#' | 'A' | 'V' | 'I' | 'R' | 'C' | 'N' | 'D' | 'OUG' | 'PS_EVENTDATE'

export type Node =
  | { type: 'num'; value: number }
  | { type: 'str'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'item'; kind: ItemKind; raw: string; parts: string[] }
  | { type: 'unary'; op: '!' | '-' | '+'; arg: Node }
  | { type: 'binary'; op: BinaryOp; left: Node; right: Node }
  | { type: 'call'; name: string; args: Node[] }

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '^'

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message)
    this.name = 'ExpressionError'
  }
}

type Token =
  | { t: 'num'; v: number; p: number }
  | { t: 'str'; v: string; p: number }
  | { t: 'item'; kind: ItemKind; raw: string; p: number }
  | { t: 'ident'; v: string; p: number }
  | { t: 'op'; v: string; p: number }
  | { t: 'eof'; p: number }

const ITEM_PREFIXES: Array<[string, ItemKind]> = [
  ['OUG{', 'OUG'],
  ['#{', '#'],
  ['A{', 'A'],
  ['V{', 'V'],
  ['I{', 'I'],
  ['R{', 'R'],
  ['C{', 'C'],
  ['N{', 'N'],
  ['D{', 'D'],
]
const OPS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '^', '!', '(', ')', ',']

export function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  const n = src.length
  while (i < n) {
    const c = src[i]
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
      continue
    }
    // items
    let matched = false
    for (const [prefix, kind] of ITEM_PREFIXES) {
      if (src.startsWith(prefix, i)) {
        const close = src.indexOf('}', i + prefix.length)
        if (close < 0) throw new ExpressionError(`Unclosed ${prefix}…} at position ${i}`, i)
        out.push({ t: 'item', kind, raw: src.slice(i + prefix.length, close).trim(), p: i })
        i = close + 1
        matched = true
        break
      }
    }
    if (matched) continue
    if (src.startsWith('PS_EVENTDATE:', i)) {
      const m = /^PS_EVENTDATE:\s*([A-Za-z][A-Za-z0-9]{10})/.exec(src.slice(i))
      if (!m) throw new ExpressionError(`PS_EVENTDATE needs a program stage UID at position ${i}`, i)
      out.push({ t: 'item', kind: 'PS_EVENTDATE', raw: m[1], p: i })
      i += m[0].length
      continue
    }
    if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i))
      if (!m) throw new ExpressionError(`Bad number at position ${i}`, i)
      out.push({ t: 'num', v: Number(m[0]), p: i })
      i += m[0].length
      continue
    }
    if (c === "'" || c === '"') {
      let j = i + 1
      let s = ''
      while (j < n && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < n) {
          s += src[j + 1]
          j += 2
        } else s += src[j++]
      }
      if (j >= n) throw new ExpressionError(`Unclosed string at position ${i}`, i)
      out.push({ t: 'str', v: s, p: i })
      i = j + 1
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(:[A-Za-z_][A-Za-z0-9_]*)?/.exec(src.slice(i))!
      out.push({ t: 'ident', v: m[0], p: i })
      i += m[0].length
      continue
    }
    const op = OPS.find((o) => src.startsWith(o, i))
    if (!op) throw new ExpressionError(`Unexpected character '${c}' at position ${i}`, i)
    out.push({ t: 'op', v: op, p: i })
    i += op.length
  }
  out.push({ t: 'eof', p: n })
  return out
}

const KNOWN_FUNCTIONS = new Set([
  'd2:condition', 'd2:hasValue', 'd2:daysBetween', 'd2:weeksBetween', 'd2:monthsBetween', 'd2:yearsBetween',
  'd2:minutesBetween', 'd2:countIfValue', 'd2:countIfCondition', 'd2:count', 'd2:oizp', 'd2:zing', 'd2:zpvc',
  'd2:relationshipCount', 'd2:minValue', 'd2:maxValue', 'if', 'isNull', 'isNotNull', 'firstNonNull',
  'greatest', 'least', 'log', 'log10', 'abs', 'ceil', 'floor', 'round', 'sum', 'avg', 'min', 'max', 'count',
  'stddev', 'variance', 'median', 'percentileCont',
])

export function parse(src: string): Node {
  if (typeof src !== 'string' || src.trim() === '') throw new ExpressionError('Expression is empty')
  const toks = tokenize(src)
  let k = 0
  const peek = () => toks[k]
  const isOp = (v: string) => {
    const t = toks[k]
    return t.t === 'op' && t.v === v
  }
  const isWord = (v: string) => {
    const t = toks[k]
    return t.t === 'ident' && t.v.toLowerCase() === v
  }
  const expect = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`Expected '${v}' at position ${peek().p}`, peek().p)
    k++
  }

  function orExpr(): Node {
    let left = andExpr()
    while (isOp('||') || isWord('or')) {
      k++
      left = { type: 'binary', op: '||', left, right: andExpr() }
    }
    return left
  }
  function andExpr(): Node {
    let left = eqExpr()
    while (isOp('&&') || isWord('and')) {
      k++
      left = { type: 'binary', op: '&&', left, right: eqExpr() }
    }
    return left
  }
  function eqExpr(): Node {
    let left = relExpr()
    while (isOp('==') || isOp('!=')) {
      const op = (toks[k++] as { v: string }).v as BinaryOp
      left = { type: 'binary', op, left, right: relExpr() }
    }
    return left
  }
  function relExpr(): Node {
    let left = addExpr()
    while (isOp('<') || isOp('<=') || isOp('>') || isOp('>=')) {
      const op = (toks[k++] as { v: string }).v as BinaryOp
      left = { type: 'binary', op, left, right: addExpr() }
    }
    return left
  }
  function addExpr(): Node {
    let left = mulExpr()
    while (isOp('+') || isOp('-')) {
      const op = (toks[k++] as { v: string }).v as BinaryOp
      left = { type: 'binary', op, left, right: mulExpr() }
    }
    return left
  }
  function mulExpr(): Node {
    let left = unary()
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = (toks[k++] as { v: string }).v as BinaryOp
      left = { type: 'binary', op, left, right: unary() }
    }
    return left
  }
  function unary(): Node {
    if (isOp('!') || isWord('not')) {
      k++
      return { type: 'unary', op: '!', arg: unary() }
    }
    if (isOp('-') || isOp('+')) {
      const op = (toks[k++] as { v: string }).v as '-' | '+'
      return { type: 'unary', op, arg: unary() }
    }
    return power()
  }
  function power(): Node {
    const base = primary()
    if (isOp('^')) {
      k++
      return { type: 'binary', op: '^', left: base, right: unary() }
    }
    return base
  }
  function primary(): Node {
    const t = peek()
    if (t.t === 'num') {
      k++
      return { type: 'num', value: t.v }
    }
    if (t.t === 'str') {
      k++
      return { type: 'str', value: t.v }
    }
    if (t.t === 'item') {
      k++
      return { type: 'item', kind: t.kind, raw: t.raw, parts: t.kind === 'PS_EVENTDATE' ? [t.raw] : t.raw.split('.').map((s) => s.trim()) }
    }
    if (t.t === 'op' && t.v === '(') {
      k++
      const e = orExpr()
      expect(')')
      return e
    }
    if (t.t === 'ident') {
      const lower = t.v.toLowerCase()
      if (lower === 'true' || lower === 'false') {
        k++
        return { type: 'bool', value: lower === 'true' }
      }
      k++
      if (!isOp('(')) throw new ExpressionError(`Unexpected word '${t.v}' at position ${t.p}`, t.p)
      if (!KNOWN_FUNCTIONS.has(t.v)) throw new ExpressionError(`Unknown function '${t.v}' at position ${t.p}`, t.p)
      k++
      const args: Node[] = []
      if (!isOp(')')) {
        args.push(orExpr())
        while (isOp(',')) {
          k++
          args.push(orExpr())
        }
      }
      expect(')')
      return { type: 'call', name: t.v, args }
    }
    if (t.t === 'eof') throw new ExpressionError('Unexpected end of expression', t.p)
    throw new ExpressionError(`Unexpected token at position ${(t as { p: number }).p}`, (t as { p: number }).p)
  }

  const tree = orExpr()
  if (peek().t !== 'eof') throw new ExpressionError(`Unexpected input at position ${peek().p}`, peek().p)
  return tree
}

/** Every item node of a tree (for reference checks and planning). */
export function collectItems(node: Node, out: Array<Extract<Node, { type: 'item' }>> = []): Array<Extract<Node, { type: 'item' }>> {
  switch (node.type) {
    case 'item':
      out.push(node)
      break
    case 'unary':
      collectItems(node.arg, out)
      break
    case 'binary':
      collectItems(node.left, out)
      collectItems(node.right, out)
      break
    case 'call':
      for (const a of node.args) collectItems(a, out)
      break
  }
  return out
}
