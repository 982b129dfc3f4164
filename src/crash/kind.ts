// The short class of a crash, read off its title. First matching prefix wins, so specific
// prefixes come before the generic "WARNING"/"BUG" ones.

const KINDS: ReadonlyArray<readonly [kind: string, prefixes: readonly string[]]> = [
  ["KASAN", ["KASAN:"]],
  ["KMSAN", ["KMSAN:"]],
  ["KCSAN", ["KCSAN:"]],
  ["KFENCE", ["KFENCE:"]],
  ["UBSAN", ["UBSAN:"]],
  ["LEAK", ["memory leak in"]],
  [
    "LOCKDEP",
    [
      "possible deadlock in",
      "inconsistent lock state in",
      "WARNING: locking bug in",
      "WARNING: bad unlock balance in",
      "BUG: bad unlock balance in",
      "WARNING: held lock freed in",
      "BUG: held lock freed in",
      "WARNING: still has locks held in",
      "BUG: still has locks held in",
      "WARNING: lock held when returning to user space",
      "BUG: lock held when returning to user space",
      "WARNING: nested lock was not taken in",
      "WARNING: suspicious RCU usage",
      "INFO: suspicious RCU usage",
      "INFO: trying to register non-static key",
      "BUG: spinlock",
      "BUG: rwlock",
      "BUG: using ",
      "BUG: MAX_LOCK",
      "BUG: MAX_STACK_TRACE_ENTRIES",
    ],
  ],
  ["ATOMIC_SLEEP", ["BUG: sleeping function called from invalid context", "BUG: scheduling while atomic"]],
  [
    "HANG",
    [
      "INFO: task hung in",
      "INFO: task can't die in",
      "INFO: rcu detected stall in",
      "BUG: soft lockup in",
      "BUG: workqueue lockup",
      "unregister_netdevice: waiting for",
    ],
  ],
  ["GPF", ["general protection fault"]],
  ["NULL_DEREF", ["BUG: unable to handle kernel NULL pointer dereference"]],
  [
    "BAD_ACCESS",
    ["BUG: unable to handle kernel", "Unhandled fault in", "Internal error in", "Alignment trap in", "BUG: corrupted list in"],
  ],
  ["TRAP", ["divide error in", "invalid opcode in", "stack segment fault in", "PANIC: double fault"]],
  ["PANIC", ["kernel panic:", "kernel stack overflow in", "trusty:"]],
  ["REBOOT", ["unexpected kernel reboot"]],
  ["SYZFAIL", ["SYZFAIL:", "SYZFATAL:"]],
  ["WARNING", ["WARNING"]],
  ["BUG", ["kernel BUG", "BUG"]],
  ["VFS", ["VFS:"]],
  ["INFO", ["INFO:"]],
];

/** The crash class of a title, or null for titles this table does not know. */
export function crashKind(title: string): string | null {
  for (const [kind, prefixes] of KINDS) {
    if (prefixes.some((prefix) => title.startsWith(prefix))) return kind;
  }
  return null;
}
