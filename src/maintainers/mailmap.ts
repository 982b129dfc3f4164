import { formatEmail, parseEmail } from "./email.js";
import { isPerlSpace, trimPerlSpace } from "./perl-text.js";

/**
 * A parsed `.mailmap`, keyed the way get_maintainer.pl keys it: by the old address, or by the
 * formatted old `Name <address>` for four-part lines. Keys are case-sensitive, as in the script.
 */
export interface Mailmap {
  readonly names: ReadonlyMap<string, string>;
  readonly addresses: ReadonlyMap<string, string>;
}

/** Where the parts of one mailmap line are, following the script's four regexes in order. */
type MailmapLine =
  | { kind: "name"; name: string; address: string }
  | { kind: "address"; address: string; oldAddress: string }
  | { kind: "nameAddress"; name: string; address: string; oldAddress: string }
  | { kind: "full"; name: string; address: string; oldName: string; oldAddress: string };

function firstNonBlank(line: string, from: number): number {
  let i = from;
  while (isPerlSpace(line[i])) i++;
  return i;
}

// Each branch is one of read_mailmap's regexes; the comment gives the regex. The line is
// trimmed, so it must end with `>` for any of them.
function splitMailmapLine(line: string): MailmapLine | undefined {
  const last = line.length - 1;
  if (line[last] !== ">") return undefined;

  // ^([^<]+)<([^>]+)>$
  const firstOpen = line.indexOf("<");
  if (firstOpen > 0 && firstOpen < last - 1 && line.indexOf(">", firstOpen) === last) {
    return { kind: "name", name: line.slice(0, firstOpen), address: line.slice(firstOpen + 1, last) };
  }

  // The `>` closing the second-to-last address, and the `<` opening the last one.
  const innerClose = line.lastIndexOf(">", last - 1);
  const lastOpen = innerClose === -1 ? -1 : firstNonBlank(line, innerClose + 1);

  // ^<([^>]+)>\s*<([^>]+)>$
  if (line[0] === "<" && innerClose > 1 && line.indexOf(">") === innerClose && line[lastOpen] === "<" && lastOpen < last - 1) {
    return { kind: "address", address: line.slice(1, innerClose), oldAddress: line.slice(lastOpen + 1, last) };
  }

  // ^(.+)<([^>]+)>\s*<([^>]+)>$ — the greedy name takes everything up to the last `<` before innerClose.
  if (innerClose > 0 && line[lastOpen] === "<" && lastOpen < last - 1) {
    const open = line.lastIndexOf("<", innerClose - 2);
    if (open > 0 && open > line.lastIndexOf(">", innerClose - 1)) {
      return {
        kind: "nameAddress",
        name: line.slice(0, open),
        address: line.slice(open + 1, innerClose),
        oldAddress: line.slice(lastOpen + 1, last),
      };
    }
  }

  // ^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$ — the old address starts at the last `<` after the last
  // inner `>`; the greedy name then takes the last `<` whose address closes before the old name.
  const oldOpen = line.lastIndexOf("<", last - 2);
  if (oldOpen <= innerClose) return undefined;
  let nextClose = -1;
  for (let open = oldOpen - 1; open > 0; open--) {
    if (line[open] === ">") nextClose = open;
    else if (line[open] === "<" && nextClose >= open + 2 && nextClose <= oldOpen - 2) {
      return {
        kind: "full",
        name: line.slice(0, open),
        address: line.slice(open + 1, nextClose),
        oldName: line.slice(nextClose + 1, oldOpen),
        oldAddress: line.slice(oldOpen + 1, last),
      };
    }
  }
  return undefined;
}

// The script re-reads `Name <address>` through parse_email to normalise both parts.
function normalised(name: string, address: string) {
  return parseEmail(`${trimPerlSpace(name)} <${address}>`);
}

/** Parses `.mailmap` text as get_maintainer.pl's read_mailmap does. */
export function parseMailmap(text: string): Mailmap {
  const names = new Map<string, string>();
  const addresses = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const hash = raw.indexOf("#");
    const parts = splitMailmapLine(trimPerlSpace(hash === -1 ? raw : raw.slice(0, hash)));
    if (parts === undefined) continue;
    if (parts.kind === "name") {
      const real = normalised(parts.name, parts.address);
      names.set(real.address, real.name);
    } else if (parts.kind === "address") {
      addresses.set(parts.oldAddress, parts.address);
    } else if (parts.kind === "nameAddress") {
      const real = normalised(parts.name, parts.address);
      names.set(parts.oldAddress, real.name);
      addresses.set(parts.oldAddress, real.address);
    } else {
      const real = normalised(parts.name, parts.address);
      const old = normalised(parts.oldName, parts.oldAddress);
      const key = formatEmail(old.name, old.address);
      names.set(key, real.name);
      addresses.set(key, real.address);
    }
  }
  return { names, addresses };
}

// Answers per mailmap: the same few hundred addresses come back on every lookup.
const mapped = new WeakMap<Mailmap, Map<string, string>>();

/** get_maintainer.pl's mailmap_email: the `Name <address>` to print for a formatted email. */
export function applyMailmap(mailmap: Mailmap, email: string): string {
  let answers = mapped.get(mailmap);
  if (answers === undefined) mapped.set(mailmap, (answers = new Map()));
  let answer = answers.get(email);
  if (answer === undefined) {
    const { name, address } = parseEmail(email);
    const formatted = formatEmail(name, address);
    const key = mailmap.names.has(formatted) || mailmap.addresses.has(formatted) ? formatted : address;
    answer = formatEmail(mailmap.names.get(key) ?? name, mailmap.addresses.get(key) ?? address);
    answers.set(email, answer);
  }
  return answer;
}
