import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseFileList, type TreeData } from "./tree.js";

// The snapshot shipped in data/linux/ (see its README.md): Linux v7.1.2's MAINTAINERS, its
// .mailmap and its file list. Two levels up from both src/maintainers/ and lib/maintainers/.
const DATA = new URL("../../data/linux/", import.meta.url);

export interface BundledLinuxData {
  readonly maintainers: string;
  readonly mailmap: string;
  readonly tree: TreeData;
}

let data: BundledLinuxData | undefined;

/** The snapshot's files, read once per process. */
export function bundledLinuxData(): BundledLinuxData {
  data ??= {
    maintainers: readFileSync(new URL("MAINTAINERS", DATA), "utf8"),
    mailmap: readFileSync(new URL("mailmap", DATA), "utf8"),
    tree: parseFileList(gunzipSync(readFileSync(new URL("files.txt.gz", DATA))).toString("utf8")),
  };
  return data;
}
