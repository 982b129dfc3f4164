/** The ways people paste a log into an issue or an email, applied to a fixture's text. */
export const pastedForms: Record<string, (text: string) => string> = {
  "fenced, with prose around": (t) => `I hit this on linux-next:\n\n\`\`\`\n${t}\n\`\`\`\n\nAny idea? Thanks!\n`,
  "fenced with ~~~ and an info string": (t) => `~~~~text\n${t}\n~~~~\n`,
  "fence of four backticks inside a list item": (t) => `1. The log:\n   \`\`\`\`\n${indent(t, "   ")}\n   \`\`\`\`\n2. Reverting fixes it.\n`,
  "in <details> with a fence": (t) => `Bisection log below.\n\n<details><summary>bisect.txt</summary>\n\n\`\`\`\n${t}\n\`\`\`\n\n</details>\n\nThat's all.\n`,
  "in <details> without a fence": (t) => `<details>\n<summary>log</summary>\n\n${t}\n</details>\n`,
  "quoted once": (t) => quote(t, "> "),
  "quoted three times": (t) => quote(t, "> > > "),
  "quoted as >>> by a mail client": (t) => quote(t, ">>> "),
  "quoted and fenced": (t) => quote(`\`\`\`\n${t}\n\`\`\``, "> "),
  CRLF: (t) => t.replace(/\n/g, "\r\n"),
  "stray CR": (t) => t.replace(/\n/g, "\r"),
};

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => prefix + l)
    .join("\n");
}

function quote(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l === "" ? prefix.trimEnd() : prefix + l))
    .join("\n");
}

/** Hard-wraps lines at `width` on spaces, as mail clients do (no word is split). */
export function hardWrap(text: string, width = 72): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    let rest = line;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(" ", width);
      if (cut <= 0) break;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
    out.push(rest);
  }
  return out.join("\n");
}
