/** The files of a kernel tree, repo-relative (`git ls-tree -r --name-only`). */
export interface TreeData {
  readonly files: readonly string[];
}

/** Reads a file list, one path a line (CRLF and blank lines allowed). */
export function parseFileList(text: string): TreeData {
  return { files: text.replaceAll("\r", "").split("\n").filter((line) => line !== "") };
}

/** Every directory holding a file, in dirs.txt's form: git keeps no empty directory, so these are all of them. */
export function directoriesOf(tree: TreeData): string {
  const directories = new Set<string>();
  for (const file of tree.files) {
    for (let slash = file.lastIndexOf("/"); slash > 0; slash = file.lastIndexOf("/", slash - 1)) {
      const directory = file.slice(0, slash);
      if (directories.has(directory)) break;
      directories.add(directory);
    }
  }
  return [...directories].join("\n");
}
