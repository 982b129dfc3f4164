import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** ../shared beside the checkout: present in CI and on the team's machines, absent in a user's clone. */
export const SHARED = fileURLToPath(new URL("../../../shared/", import.meta.url));
export const STUDY = `${SHARED}data/syzbot-study/`;
export const hasStudy = existsSync(`${STUDY}bugs-dev.csv`);

/** RFC 4180 CSV (quoted fields with commas and doubled quotes), as bugs-dev.csv is written. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries((header ?? []).map((h, k) => [h, r[k] ?? ""])));
}

export function studyRows(): Record<string, string>[] {
  return parseCsv(readFileSync(`${STUDY}bugs-dev.csv`, "utf8"));
}
