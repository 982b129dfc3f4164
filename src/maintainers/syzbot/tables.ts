// syzkaller's hand-kept facts about Linux subsystems, carried over as data from
// google/syzkaller pkg/subsystem/linux (rules.go, names.go, subsystems.go,
// path_coincidence.go, parents.go) at commit 1e72964b0111 (2026-08-17), whose generated
// list (pkg/subsystem/lists/linux.go) is revision 20260118, from Linux 6.19-rc6.
// Addresses are written as syzkaller writes them; they are looked up lower-cased here, since
// an address is the same list whatever its case (syzkaller compares them as written).

/** names.go emailExceptions: lists whose name the address does not give. */
const NAME_EXCEPTIONS_AS_WRITTEN: Readonly<Record<string, string>> = {
  "patches@opensource.cirrus.com": "cirrus",
  "virtualization@lists.linux-foundation.org": "virt",
  "virtualization@lists.linux.dev": "virt",
  "dev@openvswitch.org": "openvswitch",
  "devel@acpica.org": "acpica",
  "kernel@dh-electronics.com": "dh-electr",
  "devel@lists.orangefs.org": "orangefs",
  "linux-arm-kernel@axis.com": "axis",
  "Dell.Client.Kernel@dell.com": "dell",
  "sound-open-firmware@alsa-project.org": "sof",
  "platform-driver-x86@vger.kernel.org": "x86-drivers",
  "linux-trace-devel@vger.kernel.org": "rt-tools",
  "aws-nitro-enclaves-devel@amazon.com": "nitro",
  "brcm80211-dev-list.pdl@broadcom.com": "brcm80211",
  "osmocom-net-gprs@lists.osmocom.org": "osmocom",
  "netdev@vger.kernel.org": "net",
  "megaraidlinux.pdl@broadcom.com": "megaraid",
  "mpi3mr-linuxdrv.pdl@broadcom.com": "mpi3",
  "MPT-FusionLinux.pdl@broadcom.com": "mpt-fusion",
  "linux-security-module@vger.kernel.org": "lsm",
  "linux-unionfs@vger.kernel.org": "overlayfs",
  "rust-for-linux@vger.kernel.org": "rust",
  "industrypack-devel@lists.sourceforge.net": "ipack",
  "v9fs-developer@lists.sourceforge.net": "9p",
  "kernel-tls-handshake@lists.linux.dev": "tls",
  "bcm-kernel-feedback-list@broadcom.com": "broadcom",
  "linux@ew.tq-group.com": "tq-systems",
  "linux-imx@nxp.com": "nxp",
  "kernel-list@raspberrypi.com": "raspberry",
  "tomoyo-users_en@lists.sourceforge.net": "tomoyo",
};

export const NAME_EXCEPTIONS: ReadonlyMap<string, string> = new Map(
  Object.entries(NAME_EXCEPTIONS_AS_WRITTEN).map(([email, name]) => [email.toLowerCase(), name]),
);

/** rules.go notSubsystemEmails: lists that look like a subsystem's but stand for none. */
export const NOT_SUBSYSTEM_LISTS: ReadonlySet<string> = new Set(
  [
  "linaro-mm-sig@lists.linaro.org",
  "samba-technical@lists.samba.org",
  "storagedev@microchip.com",
  "coreteam@netfilter.org",
  "SHA-cyfmac-dev-list@infineon.com",
  "brcm80211-dev-list.pdl@broadcom.com",
  "tomoyo-dev-en@lists.osdn.me",
  "tomoyo-users-en@lists.osdn.me",
  "kernel@collabora.com",
  // "The list is too broad and always intersects with other lists."
  "x86@kernel.org",
  ].map((email) => email.toLowerCase()),
);

/** The list of THE REST: its subsystem (`kernel`) owns every path and is everyone's ancestor. */
export const CATCH_ALL_LIST = "linux-kernel@vger.kernel.org";

/** rules.go extraSubsystems: subsystems made of named MAINTAINERS sections, whatever their lists. */
export const EXTRA_SUBSYSTEMS: Readonly<Record<string, readonly string[]>> = {
  bfs: ["BFS FILE SYSTEM"],
  exfat: ["EXFAT FILE SYSTEM", "VFAT/FAT/MSDOS FILESYSTEM"],
  fuse: ["FUSE: FILESYSTEM IN USERSPACE"],
  hfs: ["HFS FILESYSTEM", "HFSPLUS FILESYSTEM"],
  isofs: ["ISOFS FILESYSTEM"],
  kernfs: ["KERNFS"],
  udf: ["UDF FILESYSTEM"],
  nfc: ["NFC SUBSYSTEM"],
  iomap: ["FILESYSTEMS [IOMAP]"],
  xfs: ["XFS FILESYSTEM"],
  jffs2: ["JOURNALLING FLASH FILE SYSTEM V2 (JFFS2)"],
  smc: ["SHARED MEMORY COMMUNICATIONS (SMC) SOCKETS"],
  "kvm-x86": ["KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)"],
  comedi: ["COMEDI DRIVERS"],
};

/** rules.go addParents: parents MAINTAINERS does not imply ("better to keep it as a net child"). */
export const EXTRA_PARENTS: Readonly<Record<string, readonly string[]>> = {
  wireless: ["net"],
};

/**
 * subsystems.go dropPatterns: F:/X: patterns syzkaller ignores, because crashes never point
 * there. Unanchored `Makefile`, as in syzkaller. A culprit file matching it keeps
 * MAINTAINERS' own answer (see syzbot-source.ts).
 */
export const DROPPED_PATTERN = /^(?:Documentation|scripts|samples|tools)|Makefile/;

/** path_coincidence.go includePathRe: the tree files that count when comparing subsystems. */
export const COUNTED_FILE = /(?:\/|\.(?:c|h|S))$/;

/** parents.go dropSmallSubsystems: a subsystem with this many files or fewer is dropped. */
export const SMALL_SUBSYSTEM_FILES = 2;
