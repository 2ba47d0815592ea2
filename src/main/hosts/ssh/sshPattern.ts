/**
 * OpenSSH's pattern language (ssh_config(5) PATTERNS), shared by ssh_config Host/Match lines and
 * known_hosts host fields. Callers decide about case: ssh_config Host matching is case-sensitive,
 * known_hosts matching lowercases both sides.
 */

/** `*` matches any run of characters (including none), `?` exactly one; everything else is literal. */
export function matchPattern(text: string, pattern: string): boolean {
  // Iterative matcher with single-star backtracking: linear in practice and, unlike a regex built
  // from the pattern, immune to catastrophic backtracking on patterns like "*a*a*a*b".
  const t = Array.from(text);
  const p = Array.from(pattern);
  let ti = 0;
  let pi = 0;
  let starPi = -1;
  let starTi = 0;
  while (ti < t.length) {
    const pc = p[pi];
    if (pc === '*') {
      starPi = pi++;
      starTi = ti;
    } else if (pc !== undefined && (pc === '?' || pc === t[ti])) {
      pi++;
      ti++;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      ti = ++starTi;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * Matches a pattern list (comma-separated string or already split), as OpenSSH's
 * match_pattern_list does: -1 when a `!`-negated pattern matches (this vetoes the whole list,
 * whatever else matched), 1 when a positive pattern matches, 0 otherwise.
 */
export function matchPatternList(text: string, patterns: string | readonly string[]): -1 | 0 | 1 {
  const list = typeof patterns === 'string' ? patterns.split(',') : patterns;
  let positive = false;
  for (const raw of list) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (pattern === '' || !matchPattern(text, pattern)) continue;
    if (negated) return -1;
    positive = true;
  }
  return positive ? 1 : 0;
}
