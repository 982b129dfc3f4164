import { code, codeBlock, inline } from "../render/escape.js";
import type { Closure } from "./dashboard-api.js";
import { bugLink, type TextRef, type TextTag, textUrl } from "./dashboard-links.js";
import type { CommitFacts, MirrorFacts } from "./facts.js";
import { markedBody } from "./marker.js";

/**
 * A mirrored issue's body: syzbot's report as multipath-tcp/mptcp_net-next writes it by hand (a
 * `- field: value` list, the app's markdown-report reader reads it), the crash report and, when it
 * fits, the bisection log, each folded. Everything from the dashboard is escaped or fenced: a title
 * must not mention anyone, link anywhere or close the fence.
 */

/** The texts a body embeds, fetched from the dashboard. */
export interface BodyTexts {
  report: string | null;
  /** The cause bisection's log: embedded when the body has room for it, else linked for the triage to fetch. */
  bisection: { ref: TextRef; text: string } | null;
}

/** Below GitHub's limit of 65,536 characters for a body, with room for the marker line. */
const BODY_BUDGET = 60_000;
/** The crash report is cut here (at a line end): the head of an oops says what the rest repeats. */
const REPORT_BUDGET = 20_000;
const FENCED_LINES = 100_000;
const FENCED_LINE_LENGTH = 2_000;

/** The domain syzbot mails from, in the Reported-by tag it asks fixes to carry (its emails' `syzbot+<extid>@…`). */
const REPORTED_BY_DOMAIN: Readonly<Record<string, string>> = { "https://syzkaller.appspot.com": "syzkaller.appspotmail.com" };

const CLOSURE_WORDS: Record<Closure, string> = {
  fixed: "fixed",
  invalid: "closed as invalid",
  dup: "closed as a duplicate of another bug",
  obsoleted: "closed for lack of activity",
};

// The labels of syzbot's own report fields, which the markdown-report reader knows.
const FIELD_WIDTH = "dashboard link: ".length;

function field(label: string, value: string | null): string[] {
  return value === null ? [] : [`- ${`${label}:`.padEnd(FIELD_WIDTH)}${value}`];
}

function cutAtLine(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const end = text.lastIndexOf("\n", max);
  return { text: text.slice(0, end > 0 ? end : max), cut: true };
}

function folded(summary: string, text: string): string {
  return `<details><summary>${summary}</summary>\n\n${codeBlock(text, FENCED_LINES, FENCED_LINE_LENGTH)}\n\n</details>`;
}

function commitLine(commit: CommitFacts): string {
  return `${commit.hash ? `${code(commit.hash.slice(0, 12))} ` : ""}${inline(commit.title)}`;
}

function text(dashboard: string, tag: TextTag, x: string | null): string | null {
  return x === null ? null : textUrl(dashboard, { tag, x });
}

function reportedBy(dashboard: string, facts: MirrorFacts): string | null {
  const link = bugLink(facts.link);
  const domain = REPORTED_BY_DOMAIN[dashboard];
  return link?.by === "extid" && domain ? `Reported-by: syzbot+${link.value}@${domain}` : null;
}

function render(facts: MirrorFacts, texts: BodyTexts, dashboard: string, bisection: "embedded" | "linked" | "none"): string {
  const crash = facts.crash;
  const cause = facts.cause;
  const list = [
    // A hash stays bare for the reader of the field (a start commit); anything else is shown as code.
    ...field("HEAD commit", crash?.commit ? (/^[0-9a-f]{8,40}$/.test(crash.commit) ? crash.commit : code(crash.commit)) : null),
    ...field("git tree", crash?.tree ? code(crash.tree) : null),
    ...field("kernel config", text(dashboard, "KernelConfig", crash?.config ?? null)),
    ...field("dashboard link", `${dashboard}${facts.link}`),
    ...field("compiler", crash?.compiler ? inline(crash.compiler) : null),
    ...field("syz repro", text(dashboard, "ReproSyz", crash?.syz ?? null) ?? "/"),
    ...field("C reproducer", text(dashboard, "ReproC", crash?.c ?? null) ?? "/"),
    // With the log in the body the log says it; a second statement of it would be a second report.
    ...(bisection === "embedded" ? [] : field("Bisected to", cause ? `commit ${cause.hash} ${inline(cause.title)}` : "/")),
    ...(bisection === "linked" && texts.bisection ? field("bisection log", textUrl(dashboard, texts.bisection.ref)) : []),
  ];
  const report = texts.report === null ? null : cutAtLine(texts.report, REPORT_BUDGET);
  const tag = reportedBy(dashboard, facts);
  const parts = [
    `syzbot reported this bug on its [dashboard](${dashboard}${facts.link}); syztriage keeps this issue in step with it.`,
    list.join("\n"),
    ...(facts.fixes.length > 0 ? [`**Fixed by:** ${facts.fixes.map(commitLine).join("; ")}`] : []),
    ...(facts.closed ? [`**On the dashboard:** ${CLOSURE_WORDS[facts.closed]}.`] : []),
    ...(tag ? [codeBlock(tag)] : []),
    ...(report ? [folded("Crash report", report.text), ...(report.cut ? [`The crash report is cut here; all of it: ${text(dashboard, "CrashReport", crash?.report ?? null)}`] : [])] : []),
    ...(bisection === "embedded" && texts.bisection ? [folded("Bisection log", texts.bisection.text)] : []),
  ];
  return `${parts.join("\n\n")}\n`;
}

/** The whole body of the issue of `facts`, marker first: the bisection log in it when it fits, else linked. */
export function mirroredBody(facts: MirrorFacts, texts: BodyTexts, dashboard: string): string {
  const linked = render(facts, texts, dashboard, texts.bisection ? "linked" : "none");
  if (!texts.bisection) return markedBody(facts, linked);
  const embedded = render(facts, texts, dashboard, "embedded");
  // The linked form always fits: its only long part, the crash report, is cut well below the budget.
  return markedBody(facts, embedded.length <= BODY_BUDGET ? embedded : linked);
}

/** The issue's title, as people who copy syzbot's bugs by hand title them. */
export function mirroredTitle(title: string): string {
  return `[syzkaller] ${title.replace(/\s+/g, " ").trim().slice(0, 240)}`;
}

/** The comment that says why the mirror closes an issue. */
export function closingComment(facts: MirrorFacts, dashboard: string): string {
  const fixes = facts.fixes.length > 0 ? ` by ${facts.fixes.map(commitLine).join("; ")}` : "";
  return `syzbot marks this bug fixed${fixes} on its [dashboard](${dashboard}${facts.link}), so syztriage closes the issue.\n`;
}
