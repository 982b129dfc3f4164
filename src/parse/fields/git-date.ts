/** git's default date format (`Thu Oct 1 23:48:41 2020 +0800`) as ISO 8601 keeping the offset. */
const GIT_DATE = /^(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) ([+-])(\d{2})(\d{2})$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function parseGitDate(text: string): string | null {
  const m = GIT_DATE.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[1] ?? "");
  if (month < 0) return null;
  const pad = (s: string | undefined) => (s ?? "").padStart(2, "0");
  return `${m[6]}-${String(month + 1).padStart(2, "0")}-${pad(m[2])}T${m[3]}:${m[4]}:${m[5]}${m[7]}${m[8]}:${m[9]}`;
}
