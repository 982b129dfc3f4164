import type { Wildcard } from "./wildcard.js";

/** One MAINTAINERS record's part of a subsystem (syzkaller's PathRule). */
export interface PathRule {
  /** The subsystem it belongs to, an index the caller chose. */
  readonly owner: number;
  /** F: wildcards, anchored at the path's start. */
  readonly includes: readonly Wildcard[];
  /** N: regexps, searched anywhere in the path. */
  readonly regexps: readonly RegExp[];
  /** X: wildcards: a path one of them matches is not this rule's. */
  readonly excludes: readonly Wildcard[];
}

interface TrieNode {
  /** Include wildcards whose prefix ends here, as [rule, wildcard] index pairs. */
  here: number[] | null;
  next: Map<number, TrieNode> | null;
}

// No path is longer than PATH_MAX; refusing longer input bounds the regexp work per path.
const PATH_MAX = 4096;

/**
 * syzkaller's PathMatcher.Match: the owners of every rule whose excludes miss the path and
 * whose includes (wildcards or regexps) hit it; a rule with only excludes owns every other
 * path, as in syzkaller. Built for the ~60,000 files of a kernel tree: a path meets only the
 * wildcards whose literal prefix it starts with (a trie walk along the path), and the N:
 * regexps only when one combined regexp says one of them can match.
 */
export class PathMatcher {
  private readonly root: TrieNode = { here: null, next: null };
  private readonly searches: { rule: number; regex: RegExp }[] = [];
  private readonly anySearch: RegExp | null;
  private readonly onlyExcluding: number[] = [];

  constructor(private readonly rules: readonly PathRule[]) {
    rules.forEach((rule, index) => {
      rule.includes.forEach((wildcard, position) => this.insert(wildcard.prefix, index, position));
      for (const regex of rule.regexps) this.searches.push({ rule: index, regex });
      if (rule.includes.length === 0 && rule.regexps.length === 0) this.onlyExcluding.push(index);
    });
    this.anySearch = this.searches.length === 0 ? null : new RegExp(this.searches.map(({ regex }) => `(?:${regex.source})`).join("|"));
  }

  /** The owners of the rules that claim `path`, each once, in ascending order. */
  match(path: string): number[] {
    if (path.length > PATH_MAX) return [];
    const hit: number[] = [...this.onlyExcluding];
    // The trie node after i characters holds the wildcards whose prefix is path.slice(0, i);
    // past the end, charCodeAt gives NaN, which no node has.
    let node: TrieNode | undefined = this.root;
    for (let i = 0; node !== undefined; node = node.next?.get(path.charCodeAt(i++))) {
      const here = node.here;
      if (here === null) continue;
      for (let k = 0; k < here.length; k += 2) {
        const rule = here[k] as number;
        if (this.rules[rule]?.includes[here[k + 1] as number]?.matches(path)) hit.push(rule);
      }
    }
    if (this.anySearch?.test(path)) {
      for (const { rule, regex } of this.searches) if (regex.test(path)) hit.push(rule);
    }
    const owners: number[] = [];
    for (const index of hit) {
      const rule = this.rules[index] as PathRule;
      if (!owners.includes(rule.owner) && !rule.excludes.some((wildcard) => wildcard.matches(path))) owners.push(rule.owner);
    }
    return owners.sort((a, b) => a - b);
  }

  private insert(prefix: string, rule: number, position: number): void {
    let node = this.root;
    for (let i = 0; i < prefix.length; i++) {
      const code = prefix.charCodeAt(i);
      node.next ??= new Map();
      let next = node.next.get(code);
      if (next === undefined) {
        next = { here: null, next: null };
        node.next.set(code, next);
      }
      node = next;
    }
    (node.here ??= []).push(rule, position);
  }
}
