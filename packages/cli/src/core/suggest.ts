/** Edit distance between two words (insertions, deletions, substitutions). */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** The candidate closest to a mistyped word, when one is close enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const best = candidates
    .map((c) => ({ c, d: distance(word, c) }))
    .sort((x, y) => x.d - y.d)
    .filter((x) => x.d <= Math.max(2, Math.floor(word.length / 3)));
  return best[0]?.c;
}
