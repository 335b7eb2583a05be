/**
 * Strings a regular expression matches, found by reading its source: the
 * parse-time "can this check fail?" test needs them to know that
 * `{ not: { matches: R } }` can fail. Only a candidate that `RegExp.test`
 * accepts is returned, so a gap in this small reader (backreferences,
 * lookbehind, Unicode classes …) yields fewer witnesses, never a wrong one;
 * with none, the caller cannot tell and refuses nothing.
 */

/** Printable ASCII, then a few others, to pick a character a class accepts. */
const CHARS = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\n', '\t', 'é', '✓'];

const ESCAPES: Readonly<Record<string, string>> = { d: '0', D: 'a', w: 'a', W: ' ', s: ' ', S: 'a', n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', b: '', B: '', '0': '\0' };

/** One way through a piece of the pattern: alternatives of sequences of atoms. */
type Choice = (minimal: boolean) => string;

class Reader {
  i = 0;
  constructor(readonly src: string) {}

  /** alternatives separated by `|`, up to `)` or the end. */
  alternatives(): Choice[] {
    const alts: Choice[] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i += 1;
      alts.push(this.sequence());
    }
    return alts;
  }

  sequence(): Choice {
    const parts: Choice[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') parts.push(this.quantified(this.atom()));
    return (minimal) => parts.map((p) => p(minimal)).join('');
  }

  atom(): Choice {
    const c = this.src[this.i]!;
    this.i += 1;
    if (c === '^' || c === '$') return () => '';
    if (c === '.') return () => 'a';
    if (c === '\\') return this.escape();
    if (c === '[') return this.charClass();
    if (c === '(') return this.group();
    return () => c;
  }

  escape(): Choice {
    const c = this.src[this.i] ?? '';
    this.i += 1;
    if (c === 'x' || c === 'u') {
      const hex = /^[0-9a-fA-F]+/.exec(this.src.slice(this.i, this.i + (c === 'x' ? 2 : 4)))?.[0] ?? '';
      this.i += hex.length;
      return () => String.fromCharCode(parseInt(hex || '0', 16));
    }
    if (/[1-9]/.test(c)) return () => ''; // a backreference: left to RegExp.test to judge
    const out = ESCAPES[c] ?? c;
    return () => out;
  }

  charClass(): Choice {
    let end = this.i;
    if (this.src[end] === '^') end += 1;
    if (this.src[end] === ']') end += 1;
    while (end < this.src.length && this.src[end] !== ']') end += this.src[end] === '\\' ? 2 : 1;
    const body = this.src.slice(this.i, end);
    this.i = end + 1;
    let pick = '';
    try {
      const cls = new RegExp(`^[${body}]$`);
      pick = CHARS.find((ch) => cls.test(ch)) ?? '';
    } catch {
      // an invalid class: no witness from here
    }
    return () => pick;
  }

  group(): Choice {
    let look = false;
    if (this.src[this.i] === '?') {
      const head = /^\?(?::|=|!|<=|<!|<[^>]*>)/.exec(this.src.slice(this.i))?.[0] ?? '?';
      look = head === '?=' || head === '?!' || head === '?<=' || head === '?<!';
      this.i += head.length;
    }
    const alts = this.alternatives();
    this.i += 1; // the closing parenthesis
    if (look) return () => '';
    return (minimal) => alts[0]!(minimal);
  }

  quantified(atom: Choice): Choice {
    const rest = this.src.slice(this.i);
    const q = /^(?:\*|\+|\?|\{(\d+)(,(\d*))?\})\??/.exec(rest);
    if (!q) return atom;
    this.i += q[0].length;
    const low = q[0].startsWith('*') || q[0].startsWith('?') ? 0 : q[0].startsWith('+') ? 1 : Number(q[1]);
    const high = q[0].startsWith('?') ? 1 : q[0].startsWith('{') && q[2] === undefined ? low : q[3] ? Number(q[3]) : Infinity;
    return (minimal) => atom(minimal).repeat(minimal ? low : Math.min(Math.max(low, 1), high));
  }
}

/** Some strings `pattern` matches (each checked by `RegExp.test`), or none when this reader cannot find one. */
export function regexWitnesses(pattern: string): string[] {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    return [];
  }
  const candidates: string[] = [];
  try {
    const reader = new Reader(pattern);
    const alts = reader.alternatives();
    for (const alt of alts) for (const minimal of [true, false]) candidates.push(alt(minimal));
  } catch {
    // an unusual pattern: fall back on the literal text below
  }
  candidates.push(pattern.replace(/[\\^$.*+?()[\]{}|]/g, ''));
  return [...new Set(candidates.flatMap((c) => [c, `x${c}x`, `${c}\n`]))].filter((c) => regex.test(c));
}
