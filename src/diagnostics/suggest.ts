/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest allowed name, if it is close enough to be a likely typo. */
export function didYouMean(given: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of allowed) {
    const d = distance(given.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(given.length / 3)) ? best : undefined;
}

/** "`a`, `b`, `c`" */
export function listNames(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(", ");
}

/** The hint line of an unknown-name diagnostic. */
export function suggestionHint(given: string, allowed: readonly string[]): string | undefined {
  const guess = didYouMean(given, allowed);
  return guess === undefined ? undefined : `did you mean \`${guess}\`?`;
}
