// The oops table: which line starts a report, and how each kind of report is turned into a
// title. It follows syzkaller's linuxOopses (pkg/report/linux.go) so that titles agree with
// syzbot's; comments say why a format or skip exists, not what the regexp spells.

import { CALL_TRACE, RIP_FRAME, rx } from "./patterns.js";

/** Marks the place in a stack spec where a whole stack trace is parsed frame by frame. */
export const STACK = "stack";

export type StackPart = RegExp | typeof STACK;

/**
 * Where the title frame comes from: parts are matched in order, line by line. A regexp part
 * skips to the next line it matches (its group 1, if any, is a candidate frame); STACK takes
 * every frame line until the next stack start. The first candidate not skipped is the frame.
 */
export interface StackSpec {
  parts: readonly StackPart[];
  /** Tried when parts yield no frame. */
  parts2?: readonly StackPart[];
  /** Skip patterns added to FRAME_SKIP for this format. */
  skip?: readonly string[];
  /** Picks the frame from all candidates instead of taking the first one. */
  extractor?: "stall" | "hang";
}

/**
 * Lines matched in order, each on a later line than the previous one: syzkaller's multi-line
 * `A(?:.*\n)+?.*B` regexps, evaluated without backtracking across lines.
 */
export type LineSeq = RegExp | readonly RegExp[];

export interface OopsFormat {
  /** The earliest match of any format's title in the report selects the format. */
  title: LineSeq;
  /** Captures for fmt; when present but not matching, the next format is tried. */
  report?: LineSeq;
  /** %1..%N: the captures of report (or title), then the extracted frames. */
  fmt: string;
  /** Other titles the same bug had (older syzkaller formats), for duplicate matching. */
  alt?: readonly string[];
  stack?: StackSpec;
  /** The report has no stack trace by nature, so a missing one is not corruption. */
  noStackTrace?: boolean;
  /** The format itself means the report was cut or garbled. */
  corrupted?: boolean;
}

export interface OopsHeader {
  /** Literal that starts a report when found anywhere in a line. */
  header: string;
  formats: readonly OopsFormat[];
  /** Lines that contain the header but are not a report. */
  suppressions: readonly RegExp[];
}

const ripThenTrace: StackSpec = { parts: [RIP_FRAME, CALL_TRACE, STACK] };
const ripOnly: StackSpec = { parts: [RIP_FRAME] };
const callTrace = (skip?: readonly string[]): StackSpec => ({ parts: [CALL_TRACE, STACK], ...(skip && { skip }) });

/**
 * WARNINGs: newer kernels trap, so the frame is on the RIP line (ppc64: "--- interrupt:")
 * followed by the stack; older kernels only print "Call Trace:".
 */
const WARNING_RIP = new RegExp(`(?:${RIP_FRAME.source}|--- interrupt: [0-9]+ at ([a-zA-Z0-9_]+)(?:\\.|\\+))`);
const warningStack = (...skip: string[]): StackSpec => ({
  parts: [WARNING_RIP, STACK],
  parts2: [CALL_TRACE, STACK],
  ...(skip.length > 0 && { skip }),
});

/** Lockdep reports name the function in an "at: func+0x.." line some lines below the header. */
const lockdepAt = (header: string, ...middle: string[]): LineSeq => [
  rx(header),
  ...middle.map((m) => rx(m)),
  rx(String.raw`at: (?:{{PC}} +)?{{FUNC}}`),
];

const BUG: OopsHeader = {
  header: "BUG:",
  formats: [
    {
      title: /BUG: KASAN:/,
      report: [rx(String.raw`BUG: KASAN: ([a-z\-]+) in {{FUNC}}`), /(Read|Write) (?:of size|at addr) (?:[0-9a-f]+)/],
      fmt: "KASAN: %1 %3 in %4",
      alt: ["bad-access in %4"],
      stack: {
        parts: [rx(String.raw`BUG: KASAN: (?:[a-z\-]+) in {{FUNC}}`), CALL_TRACE, STACK],
        // Present in KASAN_HW_TAGS (arm64 MTE) reports.
        skip: ["kernel_fault", "tag_check", "mem_abort", "^el1_", "^el1h_"],
      },
    },
    {
      title: /BUG: KASAN:/,
      report: rx(String.raw`BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}`),
      fmt: "KASAN: invalid-free in %2",
      alt: ["invalid-free in %2"],
      stack: {
        parts: [rx(String.raw`BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}`), CALL_TRACE, STACK],
        skip: ["slab_", "kfree", "vunmap", "vfree"],
      },
    },
    { title: [/BUG: KASAN: ([a-z\-]+) on address/, /(Read|Write) of size ([0-9]+)/], fmt: "KASAN: %1 %2" },
    { title: /BUG: KASAN: (.*)/, fmt: "KASAN: %1", corrupted: true },
    {
      title: /BUG: KMSAN: kernel-usb-infoleak/,
      report: rx("BUG: KMSAN: kernel-usb-infoleak in {{FUNC}}"),
      fmt: "KMSAN: kernel-usb-infoleak in %2",
      stack: {
        parts: [STACK, /(Local variable .* created at:|Uninit was created at:)/, STACK],
        skip: ["alloc_skb", "usb_submit_urb", "usb_start_wait_urb", "usb_bulk_msg", "usb_interrupt_msg", "usb_control_msg"],
      },
      noStackTrace: true,
    },
    {
      title: /BUG: KMSAN:/,
      report: rx(String.raw`BUG: KMSAN: ([a-z\-]+) in {{FUNC}}`),
      fmt: "KMSAN: %1 in %3",
      alt: ["bad-access in %3"],
      stack: {
        parts: [STACK, /(Local variable .* created at:|Uninit was created at:)/, STACK],
        // Crypto and netlink plumbing is where uninit data is noticed, not where it is made.
        skip: ["alloc_skb", "netlink_ack", "netlink_rcv_skb", "_encrypt$", "^(?:crypto|cipher|drbg|rng)_"],
      },
      noStackTrace: true,
    },
    // KCSAN titles name both racing functions, so there is no frame to pick.
    { title: /BUG: KCSAN:/, report: /BUG: KCSAN: (.*)/, fmt: "KCSAN: %1", noStackTrace: true },
    {
      title: rx(String.raw`BUG: KFENCE: (use-after-free|out-of-bounds) (read|write) in {{FUNC}}`),
      fmt: "KFENCE: %1 %2 in %4",
      alt: ["bad-access in %4"],
      stack: { parts: [rx(String.raw`BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}`), STACK] },
    },
    {
      title: rx("BUG: KFENCE: invalid free in {{FUNC}}"),
      fmt: "KFENCE: invalid free in %2",
      alt: ["invalid-free in %2"],
      noStackTrace: true,
      stack: { parts: [rx(String.raw`BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}`), STACK] },
    },
    {
      title: rx("BUG: KFENCE: invalid (read|write) in {{FUNC}}"),
      fmt: "KFENCE: invalid %1 in %3",
      alt: ["bad-access in %3"],
      stack: { parts: [rx(String.raw`BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}`), STACK] },
    },
    {
      title: rx("BUG: KFENCE: memory corruption in {{FUNC}}"),
      fmt: "KFENCE: memory corruption in %2",
      noStackTrace: true,
      stack: { parts: [rx(String.raw`BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}`), STACK] },
    },
    {
      title: /BUG: (?:unable to handle kernel paging request|unable to handle page fault for address|Unable to handle kernel data access)/,
      fmt: "BUG: unable to handle kernel paging request in %1",
      alt: ["bad-access in %1"],
      stack: ripThenTrace,
    },
    {
      title: /BUG: (?:unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference|Kernel NULL pointer dereference)/,
      fmt: "BUG: unable to handle kernel NULL pointer dereference in %1",
      alt: ["bad-access in %1"],
      stack: ripThenTrace,
    },
    // The kernel prints this header in two printk calls; the second half may be lost.
    { title: /BUG: (?:unable to handle kernel|Unable to handle kernel)/, fmt: "BUG: unable to handle kernel", corrupted: true },
    {
      title: /BUG: (spinlock|rwlock) (lockup suspected|already unlocked|recursion|cpu recursion|bad magic|wrong owner|wrong CPU|trylock failure on UP)/,
      fmt: "BUG: %1 %2 in %3",
      stack: callTrace(["spin_", "_lock", "_unlock"]),
    },
    {
      title: /BUG: soft lockup/,
      fmt: "BUG: soft lockup in %1",
      alt: ["stall in %1"],
      stack: { ...ripThenTrace, extractor: "stall" },
    },
    { title: /BUG: .*still has locks held!/, report: [/BUG: .*still has locks held!/, rx("{{PC}} +{{FUNC}}")], fmt: "BUG: still has locks held in %1" },
    { title: /BUG: scheduling while atomic/, fmt: "BUG: scheduling while atomic in %1", stack: callTrace(["schedule"]) },
    {
      title: /BUG: lock held when returning to user space/,
      report: lockdepAt("BUG: lock held when returning to user space", "leaving the kernel with locks still held"),
      fmt: "BUG: lock held when returning to user space in %1",
      noStackTrace: true,
    },
    {
      title: /BUG: bad unlock balance detected!/,
      fmt: "BUG: bad unlock balance in %1",
      stack: { parts: [rx("{{PC}} +{{FUNC}}"), CALL_TRACE, STACK] },
    },
    { title: /BUG: held lock freed!/, report: [/BUG: held lock freed!/, rx("{{PC}} +{{FUNC}}")], fmt: "BUG: held lock freed in %1" },
    { title: /BUG: Bad rss-counter state/, fmt: "BUG: Bad rss-counter state", noStackTrace: true },
    { title: /BUG: non-zero nr_ptes on freeing mm/, fmt: "BUG: non-zero nr_ptes on freeing mm", noStackTrace: true },
    { title: /BUG: non-zero nr_pmds on freeing mm/, fmt: "BUG: non-zero nr_pmds on freeing mm", noStackTrace: true },
    {
      // The filesystem type and block device (loop0/1/2) in the message only split one bug into many.
      title: /BUG: Dentry .* still in use/,
      report: /BUG: Dentry .* still in use \([0-9]+\) \[(unmount) of ([^\]]+)\]/,
      fmt: "BUG: Dentry still in use in %1",
      alt: ["BUG: Dentry still in use [%1 of %2]"],
    },
    {
      title: /BUG: Bad page (state|cache)/,
      fmt: "BUG: Bad page %1 in %2",
      stack: {
        parts: [/page last allocated/, STACK],
        skip: ["(free|put|get|update|release)_page", "free_unref", "^_*folio", "truncate_inode_pages", "page_frag_free", "alloc", "vmap", "page_owner"],
      },
    },
    { title: /BUG: Bad page map/, fmt: "BUG: Bad page map" },
    { title: /BUG: workqueue lockup/, fmt: "BUG: workqueue lockup", noStackTrace: true },
    {
      title: /BUG: sleeping function called from invalid context at (.*)/,
      fmt: "BUG: sleeping function called from invalid context in %2",
      stack: callTrace(),
    },
    {
      title: /BUG: using ([a-z_]+)\(\) in preemptible/,
      fmt: "BUG: using %1() in preemptible code in %2",
      stack: callTrace(["dump_stack", "preemption", "preempt", "debug_", "processor_id", "this_cpu"]),
    },
    {
      title: /BUG: workqueue leaked lock or atomic/,
      report: [/BUG: workqueue leaked lock or atomic/, /last function: ([a-zA-Z0-9_]+)$/],
      fmt: "BUG: workqueue leaked lock or atomic in %1",
      noStackTrace: true,
    },
    {
      title: /BUG: memory leak/,
      fmt: "memory leak in %1",
      stack: {
        parts: [/backtrace(?: \(crc [0-9a-fA-F]*\))?:/, STACK],
        // The leaked object's allocator chain; the leak is in whoever asked for it.
        skip: ["kmemleak", "mmap", "kmem", "slab", "alloc", "create_object", "idr_get", "list_lru_init", "kasprintf", "kvasprintf", "pcpu_create", "strdup", "strndup", "memdup"],
      },
    },
    {
      title: /BUG: .*stack guard page was hit at/,
      fmt: "BUG: stack guard page was hit in %1",
      alt: ["stack-overflow in %1"],
      stack: { ...ripThenTrace, extractor: "stall" },
    },
    {
      // arm reports this as "BUG: Invalid wait context"; amd64 as a lockdep WARNING. One title for both.
      title: /BUG: Invalid wait context/,
      fmt: "WARNING: locking bug in %1",
      stack: callTrace(["lock_sock", "release_sock"]),
    },
    { title: /BUG:\s*$/, fmt: "BUG: corrupted", corrupted: true },
  ],
  suppressions: [
    /ODEBUG:/, // CONFIG_DEBUG_OBJECTS output, reported as a WARNING later.
    /Boot_DEBUG:/, // Android boot messages.
    /xlog_status:/,
    /DEBUG:/, // Android ART debug output.
    /BUG: no syscalls can create resource/, // syzkaller's own debug output.
  ],
};

const WARNING: OopsHeader = {
  header: "WARNING:",
  formats: [
    {
      title: /WARNING: .*lib\/debugobjects\.c.* (?:debug_print|debug_check|at)/,
      fmt: "WARNING: ODEBUG bug in %1",
      // The users of debug objects (timers, work, rcu) only relay the bad object.
      stack: warningStack("debug_", "rcu", "hrtimer_", "timer_", "work_", "percpu_", "vunmap", "vfree", "__free_", "debug_check", "kobject_"),
    },
    { title: /WARNING: .*mm\/usercopy\.c.* (?:usercopy_warn|at)/, fmt: "WARNING: bad usercopy in %1", stack: warningStack("usercopy", "__check") },
    { title: /WARNING: .*lib\/kobject\.c.* (?:kobject_|at)/, fmt: "WARNING: kobject bug in %1", stack: warningStack("kobject_") },
    { title: /WARNING: .*fs\/proc\/generic\.c.* (?:proc_register|at)/, fmt: "WARNING: proc registration bug in %1", stack: warningStack("proc_") },
    { title: /WARNING: .*lib\/refcount\.c.* (?:refcount_|at)/, fmt: "WARNING: refcount bug in %1", stack: warningStack("refcount", "kobject_") },
    { title: /WARNING: .*kernel\/locking\/lockdep\.c.*lock_/, fmt: "WARNING: locking bug in %1", stack: warningStack("lock_sock", "release_sock") },
    {
      title: /WARNING: .*still has locks held!/,
      report: [/WARNING: .*still has locks held!/, rx("at: {{FUNC}}")],
      fmt: "WARNING: still has locks held in %1",
    },
    { title: /WARNING: Nested lock was not taken/, fmt: "WARNING: nested lock was not taken in %1", stack: warningStack() },
    {
      title: /WARNING: lock held when returning to user space/,
      report: lockdepAt("WARNING: lock held when returning to user space", "leaving the kernel with locks still held"),
      fmt: "WARNING: lock held when returning to user space in %1",
      noStackTrace: true,
    },
    { title: /WARNING: .*mm\/.*\.c.* k?.?malloc/, fmt: "WARNING: kmalloc bug in %1", stack: warningStack("kmalloc", "krealloc", "slab", "kmem") },
    { title: /WARNING: .*mm\/vmalloc.c.*__vmalloc_node/, fmt: "WARNING: zero-size vmalloc in %1", stack: warningStack() },
    {
      // The urb checks fire for bad urbs built by the driver, so the title names the driver.
      title: /WARNING: .* usb_submit_urb/,
      fmt: "WARNING in %1/usb_submit_urb",
      stack: warningStack("usb_submit_urb", "usb_start_wait_urb", "usb_bulk_msg", "usb_interrupt_msg", "usb_control_msg"),
    },
    // The format of kernels since late 2025 ("WARNING: file.c:12 at 0x0, CPU#1: comm/123").
    { title: rx(String.raw`WARNING: {{SRC}} at 0x\d+, CPU#\d+`), fmt: "WARNING in %2", stack: warningStack() },
    { title: rx("WARNING: .* at {{SRC}} {{FUNC}}"), fmt: "WARNING in %3", stack: warningStack() },
    { title: rx("WARNING: {{SRC}} at {{FUNC}}"), fmt: "WARNING in %3", stack: warningStack() },
    { title: rx(String.raw`WARNING: \[.*\] {{SRC}} at {{FUNC}}.*`), fmt: "WARNING in %3", stack: warningStack() },
    {
      title: /WARNING: possible circular locking dependency detected/,
      report: [/WARNING: possible circular locking dependency detected/, /is trying to acquire lock/],
      fmt: "possible deadlock in %1",
      stack: {
        parts: [rx("at: (?:{{PC}} +)?{{FUNC}}"), rx("at: (?:{{PC}} +)?{{FUNC}}"), STACK],
        // Workqueue flushing takes pseudo-locks of work items; the deadlock is in the work.
        skip: ["process_one_work", "flush_workqueue", "drain_workqueue", "destroy_workqueue"],
      },
    },
    {
      title: /WARNING: possible irq lock inversion dependency detected/,
      report: lockdepAt("WARNING: possible irq lock inversion dependency detected", ".*just changed the state of lock"),
      fmt: "possible deadlock in %1",
    },
    {
      title: /WARNING: .*-safe -> .*-unsafe lock order detected/,
      fmt: "possible deadlock in %1",
      stack: { parts: [/which became (?:.*) at:/, STACK] },
    },
    {
      title: /WARNING: possible recursive locking detected/,
      report: lockdepAt("WARNING: possible recursive locking detected", ".*is trying to acquire lock"),
      fmt: "possible deadlock in %1",
    },
    {
      title: /WARNING: inconsistent lock state/,
      report: lockdepAt("WARNING: inconsistent lock state", ".*takes"),
      fmt: "inconsistent lock state in %2",
      stack: callTrace(),
    },
    {
      title: /WARNING: suspicious RCU usage/,
      report: [/WARNING: suspicious RCU usage/, rx("{{SRC}}")],
      fmt: "WARNING: suspicious RCU usage in %2",
      stack: callTrace(["rcu", "kmem", "slab"]),
    },
    {
      title: /WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value/,
      fmt: "WARNING: kernel stack regs has bad '%1' value",
      noStackTrace: true,
    },
    {
      title: /WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value/,
      fmt: "WARNING: kernel stack frame pointer has bad value",
      noStackTrace: true,
    },
    {
      title: /WARNING: bad unlock balance detected!/,
      fmt: "WARNING: bad unlock balance in %1",
      stack: { parts: [rx("{{PC}} +{{FUNC}}"), CALL_TRACE, STACK] },
    },
    {
      title: /WARNING: held lock freed!/,
      report: [/WARNING: held lock freed!/, rx(".*at:(?: {{PC}})? +{{FUNC}}")],
      fmt: "WARNING: held lock freed in %1",
    },
    { title: /WARNING: kernel stack regs .* has bad 'bp' value/, fmt: "WARNING: kernel stack regs has bad value", noStackTrace: true },
    { title: /WARNING: kernel stack frame pointer .* has bad value/, fmt: "WARNING: kernel stack regs has bad value", noStackTrace: true },
    { title: /WARNING:\s*$/, fmt: "WARNING: corrupted", corrupted: true },
  ],
  // Warnings printed by user space and by boot-time configuration checks.
  suppressions: [
    /WARNING: \/etc\/ssh\/moduli does not exist, using fixed modulus/,
    /WARNING: workqueue cpumask: online intersect > possible intersect/,
    /WARNING: [Tt]he mand mount option/,
    /WARNING: Unsupported flag value\(s\) of 0x%x in DT_FLAGS_1/,
    /WARNING: Unprivileged eBPF is enabled with eIBRS/,
    /WARNING: fbcon: Driver '(.*)' missed to adjust virtual screen size (\((?:\d+)x(?:\d+) vs\. (?:\d+)x(?:\d+)\))/,
    /WARNING: See https.* for mitigation options./,
    /WARNING: kernel not compiled with CPU_SRSO/,
    /EXT4-[Ff][Ss](?: \(.*\))?:/,
    /warning: .* uses (deprecated v2 capabilities|wireless extensions)/i,
    /XFS \(\w+\): WARNING/,
  ],
};

/** Old lockdep printed "INFO:" headers ending in " ]" and "at: [<pc>] func+..". */
const oldLockdepAt = (header: string, middle: string): LineSeq => [
  rx(`${header} \\]`),
  rx(middle),
  rx(".*at: {{PC}} +{{FUNC}}"),
];

const INFO: OopsHeader = {
  header: "INFO:",
  formats: [
    {
      title: /INFO: possible circular locking dependency detected/,
      report: oldLockdepAt("INFO: possible circular locking dependency detected", ".*is trying to acquire lock"),
      fmt: "possible deadlock in %1",
    },
    {
      title: /INFO: possible irq lock inversion dependency detected/,
      report: oldLockdepAt("INFO: possible irq lock inversion dependency detected", ".*just changed the state of lock"),
      fmt: "possible deadlock in %1",
    },
    {
      title: /INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected/,
      report: oldLockdepAt("INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected", ".*is trying to acquire"),
      fmt: "possible deadlock in %1",
    },
    {
      title: /INFO: possible recursive locking detected/,
      report: oldLockdepAt("INFO: possible recursive locking detected", ".*is trying to acquire lock"),
      fmt: "possible deadlock in %1",
    },
    {
      title: /INFO: inconsistent lock state/,
      report: oldLockdepAt("INFO: inconsistent lock state", ".*takes"),
      fmt: "inconsistent lock state in %1",
    },
    {
      title: /INFO: rcu_(?:preempt|sched|bh) (?:self-)?detected(?: expedited)? stall/,
      fmt: "INFO: rcu detected stall in %1",
      alt: ["stall in %1"],
      stack: {
        // The stalled code is what the timer interrupt interrupted.
        parts: [/apic_timer_interrupt/, RIP_FRAME, STACK],
        parts2: [/(?:apic_timer_interrupt|Exception stack|el1h_64_irq)/, STACK],
        skip: ["apic_timer_interrupt", "rcu"],
        extractor: "stall",
      },
    },
    {
      title: /INFO: trying to register non-static key/,
      fmt: "INFO: trying to register non-static key in %1",
      stack: callTrace(["stack", "lock", "IRQ"]),
    },
    {
      title: /INFO: suspicious RCU usage/,
      report: [/INFO: suspicious RCU usage/, rx("{{SRC}}")],
      fmt: "INFO: suspicious RCU usage in %2",
      stack: callTrace(["rcu", "kmem", "slab"]),
    },
    {
      title: /INFO: task .* blocked for more than [0-9]+ seconds/,
      fmt: "INFO: task hung in %1",
      alt: ["hang in %1"],
      stack: { ...callTrace(), extractor: "hang" },
    },
    {
      title: /INFO: task .* can't die for more than .* seconds/,
      fmt: "INFO: task can't die in %1",
      alt: ["hang in %1"],
      stack: callTrace(["schedule"]),
    },
    // Corrupted old-style KASAN reports.
    { title: /INFO: (Freed|Allocated) in (.*)/, fmt: "INFO: %1 in %2", corrupted: true },
    { title: /INFO:\s*$/, fmt: "INFO: corrupted", corrupted: true },
  ],
  suppressions: [
    /INFO: lockdep is turned off/,
    /INFO: Stall ended before state dump start/,
    /INFO: NMI handler/,
    /INFO: recovery required on readonly filesystem/,
    /(handler|interrupt).*took too long/,
    /INFO: sys_.* is not present in \/proc\/kallsyms/,
    /INFO: no syscalls can create resource/,
    /rmt_storage:INFO:/,
    /_INFO:/, // "INVALID BTF_INFO:NUM" and Android boot messages.
  ],
};

/** A header whose only format takes the frame from the RIP line and then the call trace. */
const simple = (header: string, title: RegExp, fmt: string, stack: StackSpec, alt?: string): OopsHeader => ({
  header,
  formats: [{ title, fmt, stack, ...(alt !== undefined && { alt: [alt] }) }],
  suppressions: [],
});

/** In table order: for each line, the first header found in it decides the report kind. */
export const OOPS_HEADERS: readonly OopsHeader[] = [
  BUG,
  WARNING,
  INFO,
  simple(
    "Unable to handle kernel",
    /Unable to handle kernel (paging request|NULL pointer dereference|access to user memory)/,
    "BUG: unable to handle kernel %1 in %2",
    ripThenTrace,
    "bad-access in %2",
  ),
  {
    header: "general protection fault",
    formats: [{ title: /general protection fault.*:/, fmt: "general protection fault in %1", alt: ["bad-access in %1"], stack: ripThenTrace }],
    // A user-space process's GPF ("... error:0 in libc.so").
    suppressions: [/general protection fault .* error:\d+ in /],
  },
  simple("stack segment: ", /stack segment: /, "stack segment fault in %1", ripThenTrace),
  {
    header: "Kernel panic",
    formats: [
      // With a corrupted stack the kernel may not manage to print the symbol or unwind.
      {
        title: /Kernel panic - not syncing: stack-protector:/,
        report: rx("Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: {{FUNC}}"),
        fmt: "kernel panic: stack is corrupted in %1",
        noStackTrace: true,
      },
      {
        title: /Kernel panic - not syncing: stack-protector:/,
        report: /Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: [a-f0-9]+/,
        fmt: "kernel panic: stack is corrupted in %1",
        stack: callTrace(["stack_chk"]),
      },
      {
        title: /Kernel panic - not syncing: corrupted stack end/,
        report: /Kernel panic - not syncing: corrupted stack end detected inside scheduler/,
        fmt: "kernel panic: corrupted stack end in %1",
        alt: ["stack-overflow in %1"],
        stack: { ...callTrace(["schedule", "retint_kernel"]), extractor: "stall" },
      },
      {
        title: /Kernel panic - not syncing: kernel stack overflow/,
        fmt: "kernel stack overflow in %1",
        alt: ["stack-overflow in %1"],
        stack: { ...callTrace(["bad_stack"]), extractor: "stall" },
      },
      { title: /Kernel panic - not syncing: Attempted to kill init!/, fmt: "kernel panic: Attempted to kill init!" },
      {
        title: /Kernel panic - not syncing: Couldn't open N_TTY ldisc for [^ ]+ --- error -[0-9]+/,
        fmt: "kernel panic: Couldn't open N_TTY ldisc",
      },
      // These follow another report (BUG, WARNING/KASAN with panic_on_warn, hung task); seeing
      // them first means the real header was lost.
      { title: /Kernel panic - not syncing: Fatal exception/, fmt: "kernel panic: Fatal exception", corrupted: true },
      { title: /Kernel panic - not syncing: panic_on_warn set/, fmt: "kernel panic: panic_on_warn set", corrupted: true },
      { title: /Kernel panic - not syncing: hung_task: blocked tasks/, fmt: "kernel panic: hung_task: blocked tasks", corrupted: true },
      { title: /Kernel panic - not syncing: (.*)/, fmt: "kernel panic: %1" },
    ],
    suppressions: [],
  },
  simple("PANIC: double fault", /PANIC: double fault/, "PANIC: double fault in %1", ripOnly),
  {
    header: "rust_kernel: panicked",
    formats: [
      {
        title: /rust_kernel: panicked/,
        report: [/rust_kernel: panicked at /, /^(.+)$/],
        fmt: "%1 in %2",
        stack: callTrace([String.raw`__rustc::rust_begin_unwind`]),
      },
    ],
    suppressions: [],
  },
  {
    header: "kernel BUG",
    formats: [
      { title: /kernel BUG at mm\/usercopy.c/, fmt: "BUG: bad usercopy in %1", stack: callTrace(["usercopy", "__check"]) },
      // Also sometimes memory corruption or a race.
      { title: /kernel BUG at lib\/list_debug.c/, fmt: "BUG: corrupted list in %1", alt: ["bad-access in %1"], stack: callTrace() },
      {
        title: /kernel BUG at (.*)/,
        fmt: "kernel BUG in %2",
        // syzbot titled these "kernel BUG at file.c:LINE!" until 2023.
        alt: ["kernel BUG at %1"],
        // Lots of skb wrappers contain BUG_ON, but the bug is almost always in the caller.
        stack: { ...ripThenTrace, skip: ["^skb_"] },
      },
    ],
    suppressions: [],
  },
  { header: "Kernel BUG", formats: [{ title: /Kernel BUG (.*)/, fmt: "kernel BUG %1" }], suppressions: [] },
  { header: "BUG kmalloc-", formats: [{ title: /BUG kmalloc-.*: Object already free/, fmt: "BUG: Object already free" }], suppressions: [] },
  simple("divide error:", /divide error: /, "divide error in %1", ripOnly),
  // Misspelt by 9d06c4027f21 ("x86/entry: Convert Divide Error to IDTENTRY").
  simple("divide_error:", /divide_error: /, "divide error in %1", ripOnly),
  simple("invalid opcode:", /invalid opcode: /, "invalid opcode in %1", ripOnly),
  {
    header: "UBSAN:",
    formats: [
      { title: /UBSAN:/, report: /UBSAN: Undefined behaviour in/, fmt: "UBSAN: undefined-behaviour in %1", stack: callTrace(["ubsan", "overflow"]) },
      {
        title: /UBSAN: array-index-out-of-bounds in/,
        fmt: "UBSAN: array-index-out-of-bounds in %1",
        alt: ["bad-access in %1"],
        stack: callTrace(["ubsan", "overflow"]),
      },
      { title: /UBSAN:/, report: /UBSAN: (.*?) in/, fmt: "UBSAN: %1 in %2", stack: callTrace(["ubsan", "overflow"]) },
    ],
    suppressions: [],
  },
  {
    header: "Booting the kernel.",
    formats: [{ title: /^Booting the kernel/, fmt: "unexpected kernel reboot", noStackTrace: true }],
    // The fuzzer can echo boot messages back as bogus mount options.
    suppressions: [/Parsing ELF|Decompressing Linux|Unknown parameter '/],
  },
  {
    header: "unregister_netdevice: waiting for",
    formats: [{ title: /unregister_netdevice: waiting for (?:.*) to become free/, fmt: "unregister_netdevice: waiting for DEV to become free", noStackTrace: true }],
    suppressions: [],
  },
  // Printed by older kernels' custom VFS checks.
  {
    header: "VFS: Close: file count is 0",
    formats: [{ title: /VFS: Close: file count is 0/, fmt: "VFS: Close: file count is zero (use-after-free)", noStackTrace: true }],
    suppressions: [],
  },
  {
    header: "VFS: Busy inodes after unmount",
    formats: [{ title: /VFS: Busy inodes after unmount/, fmt: "VFS: Busy inodes after unmount (use-after-free)", noStackTrace: true }],
    suppressions: [],
  },
  // arm64 "synchronous external abort" is the same crash as arm's paging request.
  simple("Internal error:", /Internal error:/, "Internal error in %1", ripThenTrace, "bad-access in %1"),
  // arm's name for what x86 reports as a general protection fault.
  simple("Unhandled fault:", /Unhandled fault:/, "Unhandled fault in %1", ripThenTrace, "bad-access in %1"),
  simple("Alignment trap:", /Alignment trap:/, "Alignment trap in %1", ripThenTrace),
  {
    header: "trusty: panic",
    formats: [
      { title: /trusty: panic.* ASSERT FAILED/, report: /trusty: panic \(.*?\):(?: DEBUG)? ASSERT FAILED at \(.*?\): (.+)/, fmt: "trusty: ASSERT FAILED: %1", noStackTrace: true },
      { title: /trusty: panic.* ASSERT FAILED.*: *(.*)/, fmt: "trusty: ASSERT FAILED: %1", corrupted: true },
      { title: /trusty: panic/, report: /trusty: panic \(.*?\): (.+)/, fmt: "trusty: panic: %1", noStackTrace: true },
    ],
    suppressions: [],
  },
  // Failures of syzkaller's own executor, printed into the same console.
  { header: "SYZFAIL:", formats: [{ title: /SYZFAIL:(.*)/, fmt: "SYZFAIL:%1", noStackTrace: true }], suppressions: [] },
  { header: "SYZFATAL:", formats: [{ title: /SYZFATAL:(.*)/, fmt: "SYZFATAL:%1", noStackTrace: true }], suppressions: [] },
  // Go panics of syzkaller's own programs.
  {
    header: "panic:",
    formats: [{ title: /panic:(.*)/, fmt: "panic:%1", noStackTrace: true }],
    // Kernel functions like skb_panic and Android boot messages print "panic:" too.
    suppressions: [/_panic:/, /xlog_status:/, /ddb\.onpanic:/, /evtlog_status:/],
  },
];

/** Headers that may appear inside a report without starting a second one. */
export const REPORT_START_IGNORES: readonly RegExp[] = [
  /invalid opcode: 0000/,
  /Kernel panic - not syncing/,
  /unregister_netdevice: waiting for/,
  // A double fault can happen while handling a page fault of a badly corrupted report.
  /PANIC: double fault/,
  /Internal error:/,
];

/** Messages that print a stack trace but are not bugs; inside a report they end it. */
export const INFO_MESSAGES_WITH_STACK: readonly string[] = [
  "vmalloc: allocation failure:",
  "FAULT_INJECTION: forcing a failure",
  "FAULT_FLAG_ALLOW_RETRY missing",
];
