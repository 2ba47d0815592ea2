/**
 * Fuzzy matching for the command palette: every word typed must appear in order, letters not
 * necessarily together ("wb rn" finds "web-1 Run"). Lower scores are better: letters close
 * together, at word starts, and early.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const haystack = text.toLocaleLowerCase();
  let score = 0;
  for (const word of query.toLocaleLowerCase().split(/\s+/).filter(Boolean)) {
    const found = wordScore(word, haystack);
    if (found === null) return null;
    score += found;
  }
  return score;
}

function wordScore(word: string, haystack: string): number | null {
  // The whole word as it is typed first: "web" in "my web server" beats w..e..b spread out.
  const exact = haystack.indexOf(word);
  if (exact >= 0) return exact === 0 || /\W/.test(haystack[exact - 1] ?? '') ? 0 : 1;
  let from = 0;
  let gaps = 0;
  for (const letter of word) {
    const at = haystack.indexOf(letter, from);
    if (at < 0) return null;
    if (at > from) gaps += at - from;
    from = at + 1;
  }
  return 2 + gaps;
}

/** The items matching `query`, best first (ties keep their order), at most `limit`. */
export function rankByQuery<T>(
  items: readonly T[],
  query: string,
  textOf: (item: T) => string,
  limit: number,
): T[] {
  if (!query.trim()) return items.slice(0, limit);
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, textOf(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => a.score - b.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}
