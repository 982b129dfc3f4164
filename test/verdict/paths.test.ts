import { describe, expect, test } from "vitest";
import { classifyPath, crashArch, type PathKind } from "../../src/analyse/verdict/paths.js";

const file = (path: string) => ({ path, lines: 1, abbreviated: false, directory: false });

describe("classifyPath", () => {
  test.each<[string, PathKind]>([
    ["Documentation/devicetree/bindings/sound/cirrus,cs42l51.yaml", "outside"],
    ["tools/bpf/bpftool/feature.c", "outside"],
    ["samples/bpf/xdp1_kern.c", "outside"],
    ["MAINTAINERS", "outside"],
    ["drivers/net/wireless/.gitignore", "outside"],
    ["arch/x86/configs/x86_64_defconfig", "outside"],
    ["arch/powerpc/platforms/powernv/pci.c", "other-arch"],
    ["arch/arm64/boot/dts/rockchip/px30-evb.dts", "other-arch"],
    ["arch/x86/kvm/x86.c", "code"],
    ["net/qrtr/Kconfig", "build-config"],
    ["fs/Makefile", "build-config"],
    ["Makefile", "build-config"],
    ["scripts/Makefile.lib", "build-config"],
    ["net/ipv4/tcp.c", "code"],
    ["include/linux/skbuff.h", "code"],
    // Helper scripts are not told apart from the build's own machinery under scripts/.
    ["scripts/decode_stacktrace.sh", "code"],
  ])("%s is %s", (path, kind) => {
    expect(classifyPath(file(path), "x86")).toBe(kind);
  });

  test("another architecture is relative to the crash's", () => {
    expect(classifyPath(file("arch/arm64/kernel/entry.S"), "arm64")).toBe("code");
    expect(classifyPath(file("arch/x86/kvm/x86.c"), "arm64")).toBe("other-arch");
  });

  test("git's abbreviated paths: only the file name is known", () => {
    const abbreviated = (path: string) => ({ ...file(path), abbreviated: true });
    expect(classifyPath(abbreviated(".../bindings/net/foo.yaml"), "x86")).toBe("outside");
    expect(classifyPath(abbreviated(".../drivers/net/Kconfig"), "x86")).toBe("build-config");
    expect(classifyPath(abbreviated(".../arch/mips/foo.c"), "x86")).toBe("code");
  });

  test("raw top-level directories: arch/ may hold x86", () => {
    const dir = (path: string) => ({ path, lines: null, abbreviated: false, directory: true });
    expect(classifyPath(dir("arch/"), "x86")).toBe("code");
    expect(classifyPath(dir("tools/"), "x86")).toBe("outside");
    expect(classifyPath(dir("net/"), "x86")).toBe("code");
  });
});

describe("crashArch", () => {
  test("the first arch/ file of the stack, x86 without one", () => {
    expect(crashArch(["net/socket.c", "arch/arm64/kernel/syscall.c", "arch/x86/entry/common.c"])).toBe("arm64");
    expect(crashArch(["net/socket.c"])).toBe("x86");
    expect(crashArch([])).toBe("x86");
  });
});
