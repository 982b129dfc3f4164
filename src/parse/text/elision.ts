/** A line a person put in place of lines they left out of a list (`...`, `[...]`, `<snip>`): the list goes on after it. */
const ELISION = /^(?:\.{3,}|…|\[(?:\.{3}|…|snip)\]|<snip>)$/i;

export function isElision(text: string): boolean {
  return ELISION.test(text.trim());
}
