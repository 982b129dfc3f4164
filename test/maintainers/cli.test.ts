import { describe, expect, test } from "vitest";
import { UsageError, type CliIO } from "../../src/cli/io.js";
import { maintainersCommand } from "../../src/cli/maintainers-command.js";

const FILES: Record<string, string> = {
  MAINTAINERS: `AIO
M:\tBenjamin LaHaise <bcrl@kvack.org>
L:\tlinux-aio@kvack.org
S:\tSupported
F:\tfs/aio.c

FILESYSTEMS (VFS and infrastructure)
M:\tAlexander Viro <viro@zeniv.linux.org.uk>
R:\tJan Kara <jack@suse.cz>
L:\tlinux-fsdevel@vger.kernel.org
S:\tMaintained
F:\tfs/*

INFINIBAND SUBSYSTEM
M:\tJason Gunthorpe <jgg@nvidia.com>
L:\tlinux-rdma@vger.kernel.org
S:\tSupported
F:\tdrivers/infiniband/

THE REST
M:\tLinus Torvalds <torvalds@linux-foundation.org>
L:\tlinux-kernel@vger.kernel.org
S:\tBuried alive in reporters
F:\t*
F:\t*/
`,
  mailmap: "Jason Gunthorpe <jgg@ziepe.ca> <jgg@nvidia.com>\n",
  dirs: "drivers\ndrivers/infiniband\nfs\n",
};

function fakeIO() {
  const out = { stdout: "", stderr: "" };
  const io: CliIO = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    read: async (path) => {
      const text = FILES[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
  };
  return { io, out };
}

describe("syztriage maintainers", () => {
  test("--json gives sections, everyone printed, reviewers and lists per path", async () => {
    const { io, out } = fakeIO();
    const args = ["--file", "MAINTAINERS", "--mailmap", "mailmap", "--dirs", "dirs", "fs/aio.c", "drivers/infiniband/core/cma.c", "--json"];
    expect(await maintainersCommand(args, io)).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      "fs/aio.c": {
        sections: ["AIO", "FILESYSTEMS (VFS and infrastructure)", "THE REST"],
        maintainers: ["bcrl@kvack.org", "viro@zeniv.linux.org.uk", "jack@suse.cz"],
        reviewers: ["jack@suse.cz"],
        lists: ["linux-aio@kvack.org", "linux-fsdevel@vger.kernel.org", "linux-kernel@vger.kernel.org"],
        subsystems: ["aio", "fs"],
      },
      "drivers/infiniband/core/cma.c": {
        sections: ["INFINIBAND SUBSYSTEM", "THE REST"],
        maintainers: ["jgg@ziepe.ca"],
        reviewers: [],
        lists: ["linux-rdma@vger.kernel.org", "linux-kernel@vger.kernel.org"],
        subsystems: ["rdma"],
      },
    });
    expect(out.stderr).toBe("");
  });

  test("the text output lists sections with score and status, then people, lists and subsystems", async () => {
    const { io, out } = fakeIO();
    expect(await maintainersCommand(["--file", "MAINTAINERS", "fs/aio.c"], io)).toBe(0);
    expect(out.stdout).toBe(`fs/aio.c
  section     AIO (score 2, Supported)
  section     FILESYSTEMS (VFS and infrastructure) (score 2, Maintained)
  section     THE REST (score -1, Buried alive in reporters)
  maintainer  Benjamin LaHaise <bcrl@kvack.org>
  maintainer  Alexander Viro <viro@zeniv.linux.org.uk>
  reviewer    Jan Kara <jack@suse.cz>
  list        linux-aio@kvack.org
  list        linux-fsdevel@vger.kernel.org
  list        linux-kernel@vger.kernel.org
  subsystems  aio, fs
`);
  });

  test("usage mistakes throw UsageError", async () => {
    const { io } = fakeIO();
    await expect(maintainersCommand(["fs/aio.c"], io)).rejects.toThrow(new UsageError("--file MAINTAINERS is required"));
    await expect(maintainersCommand(["--file", "MAINTAINERS"], io)).rejects.toThrow(new UsageError("give at least one PATH to look up"));
    await expect(maintainersCommand(["--file", "MAINTAINERS", "--bogus", "x"], io)).rejects.toBeInstanceOf(UsageError);
  });

  test("a file that cannot be read is exit code 2 with the reason on stderr", async () => {
    const { io, out } = fakeIO();
    expect(await maintainersCommand(["--file", "MAINTAINERS", "--mailmap", "missing", "fs/aio.c"], io)).toBe(2);
    expect(out.stderr).toBe("syztriage: maintainers: cannot read input: ENOENT: no such file or directory, open 'missing'\n");
    expect(out.stdout).toBe("");
  });
});
