// Data tables that decide which stack frames and source files are "infrastructure" rather than
// the code at fault. They follow syzkaller's pkg/report/linux.go (linuxStackParams,
// guiltyFileIgnores) so that titles and guilty files agree with what syzbot reports.

/**
 * Frames skipped when picking the title frame, matched as regexps anywhere in the function name
 * (syzkaller's skipPatterns). These are sanitizer runtimes, the bug/warn/panic machinery,
 * allocators, locking, string and list helpers, and generic device/workqueue teardown: the
 * bug is almost always in their caller.
 */
export const FRAME_SKIP: readonly string[] = [
  // Sanitizer runtimes and the report printers.
  "__sanitizer", "__asan", "kasan", "hwasan", "__msan", "kmsan", "kcsan_setup_watchpoint",
  "check_memory_region", "check_heap_object", "check_object", "read_word_at_a_time",
  "(read|write)_once_.*nocheck", "print_address_description", "print_report", "print_usage_bug",
  // Bug, warning and panic machinery.
  "panic", "invalid_op", "report_bug", "fixup_bug", "do_error", "_trap$|do_trap",
  "show_stack", "dump_stack", "walk_stack", "dump_backtrace", "warn_slowpath", "warn_alloc",
  "warn_bogus", "__warn", "print_tainted", "^get_taint$", "__fortify_report", "assertfail",
  "program_check_exception", "program_check_common",
  // Allocators and the page cache.
  "alloc_page", "k?v?(?:m|z|c)alloc", "krealloc", "kmem_cache", "allocate_slab",
  "__alloc_frozen_pages_noprof", "folio_(?:alloc|unlock)", "filemap_alloc_folio",
  "__filemap_get_folio", "find_or_create_page", "do_read_cache_folio", "read_cache_page",
  "pagecache_get_page", "grab_cache_page_write_begin", "slab_", "^kv?free$", "kfree_skb",
  "xas_(?:start|load|find)", "find_lock_entries", "truncate_inode_pages_range", "__phys_addr",
  // Debug objects and lockdep.
  "debug_object", "timer_is_static_object", "work_is_static_object", "print_unlock",
  "imbalance_bug", "lockdep", "(trace|lockdep)_(hard|soft)irq", "bh_enable", "bh_disable",
  "perf_trace",
  // Locking primitives.
  "lock_acquire", "lock_release", "lock_class", "mark_lock", "(reacquire|mark)_held_locks",
  "raw_spin_rq", "spin_lock", "spin_trylock", "spin_unlock", "read_lock", "read_trylock",
  "write_lock", "write_trylock", "read_unlock", "write_unlock", "^down$", "down_read",
  "down_write", "down_read_trylock", "down_write_trylock", "down_trylock", "up_read", "up_write",
  "^mutex_", "^__mutex_", "^rt_mutex_", "owner_on_cpu", "osq_lock", "osq_unlock",
  "^(un)?lock_page",
  // Atomics, bit operations and reference counts.
  "atomic(64)?_(dec|inc|read|set|or|xor|and|add|sub|fetch|xchg|cmpxchg|try)",
  "(set|clear|change|test)_bit", "__wake_up", "^refcount_", "^kref_", "ref_tracker",
  "seqprop_assert",
  // Memory, string and user-copy helpers.
  "memcpy", "memcmp", "memset", "memchr", "memmove", "memdup", "strcmp", "strncmp", "strcpy",
  "strlcpy", "strncpy", "strscpy", "strlen", "strstr", "strnstr", "strnlen", "strchr", "strdup",
  "strndup", "copy_to_user", "copy_from_user", "copy_to_iter", "copy_from_iter",
  "copy_page_to_iter", "copy_page_from_iter", "copy_folio_to_iter", "^copyin$", "^copyout$",
  "put_user", "get_user", "might_fault", "__might_fault", "might_sleep", "__might_resched",
  "extract_(user|iter)_to_sg",
  // Lists and trees.
  "list_add", "list_del", "list_replace", "list_move", "list_splice", "^rb_", "^__rb_",
  "^klist_", "rhashtable_lookup",
  // Formatting and printing.
  "_indirect_thunk_", "string", "pointer", "snprintf", "scnprintf", "kasprintf", "kvasprintf",
  "printk", "va_format", "dev_info", "dev_notice", "dev_warn", "dev_err", "dev_alert", "dev_crit",
  "dev_emerg", "hex_dump_to_buffer", "print_hex_dump",
  // Timers and workqueues.
  "del_timer", "lock_timer_base", "__timer_delete_sync", "sk_stop_timer_sync", "__mod_timer",
  "flush_work", "__cancel_work_timer", "cancel_work_sync", "try_to_grab_pending",
  "flush_workqueue", "drain_workqueue", "destroy_workqueue", "queue_work", "insert_work",
  "__queue_delayed_work", "queue_delayed_work_on", "finish_wait", "kthread_stop", "^complete$",
  "wait_for_completion", "cleanup_srcu_struct",
  // Device model and teardown.
  "kobject_", "add_uevent_var", "get_device_parent", "device_add", "device_del",
  "device_unregister", "device_destroy", "device_release", "devres_release_all", "^put_device$",
  "hwrng_unregister", "i2c_del_adapter", "__unregister_client", "device_for_each_child",
  "rollback_registered", "unregister_netdev", "sysfs_remove", "device_remove_file",
  "tty_unregister_device", "ida_free",
  // USB plumbing.
  "dummy_urb_enqueue", "usb_kill_urb", "usb_kill_anchored_urbs", "usb_control_msg",
  "usb_hcd_submit_urb", "usb_submit_urb",
  // MMIO accessors.
  "readb$", "readw$", "readl$", "readq$", "writeb$", "writew$", "writel$", "writeq$",
  "logic_in", "logic_out",
  // Checksums.
  "^crc\\d+", "crc_itu_t",
  // VFS reference drops.
  "^iput$", "^iput_final$", "^ihold$", "drop_nlink", "fast_dput", "dput",
  // Stack walking.
  "stack_trace_consume_entry", "arch_stack_walk", "stack_trace_save",
  // arm64 translation-fault path.
  "do_(kernel|translation)_fault", "do_mem_abort", "el1_abort", "el1h_64_sync(?:_handler)?",
];

/**
 * Syscall wrapper prefixes removed from the title frame; the shortest result wins, so
 * `__x64_sys_ioctl` becomes `sys_ioctl` and `__do_sys_io_setup` becomes `io_setup`.
 * Removing them makes the same bug on different architectures and kernels get one title.
 */
export const SYSCALL_PREFIXES: readonly string[] = [
  "SYSC_", "SyS_", "sys_", "__x64_", "__ia32_", "__arm64_", "____sys_", "___sys_", "__sys_",
  "__se_", "__se_sys_", "__do_sys_", "compat_SYSC_", "compat_SyS_", "ksys_",
];

/**
 * Frames that dispatch work (syscall entry, softirq, workqueue, generic file and socket
 * operations). A stall or lockup loops somewhere above them, so the frame just above the first
 * anchor names the stall stably.
 */
export const STALL_ANCHORS: readonly string[] = [
  "process_one_work", "do_syscall_", "do_fast_syscall_", "sysenter_dispatch", "tracesys_phase2",
  "el0_svc_handler", "invoke_syscall", "ret_fast_syscall", "netif_receive_skb", "do_softirq",
  "call_timer_fn", "_run_timers", "run_timer_softirq", "hrtimer_run", "run_ksoftirqd",
  "smpboot_thread_fn", "^kthread$", "start_secondary", "cpu_startup_entry", "ret_from_fork",
  "vfs_write", "vfs_read", "vfs_iter_read", "vfs_iter_write", "do_iter_read", "do_iter_write",
  "call_read_iter", "call_write_iter", "new_sync_read", "new_sync_write", "vfs_ioctl",
  "ksys_ioctl", "compat_ioctl", "compat_sys_ioctl", "blkdev_driver_ioctl", "blkdev_ioctl",
  "do_iter_readv_writev", "^call_mmap", "mmap_region", "do_mmap", "do_dentry_open", "vfs_open",
  "^sock_sendmsg", "^sock_recvmsg", "^sock_release", "^__sock_release", "^setsockopt$",
  "kernel_setsockopt", "sock_common_setsockopt", "^listen$", "kernel_listen",
  "sk_common_release", "^sock_mmap", "^accept$", "kernel_accept", "^sock_do_ioctl",
  "^sock_ioctl", "^compat_sock_ioctl", "^nfnetlink_rcv_msg", "^rtnetlink_rcv_msg",
  "^netlink_dump", "^(sys_)?(socketpair|connect|ioctl)", "__do_fault", "do_page_fault",
  "^page_fault$", "__fput", "task_work_run", "exit_to_usermode", "smp_call_function",
  "tasklet_action", "tasklet_hi_action",
];

/**
 * Hung tasks show the victim, not the culprit. Hangs behind these waits are grouped under one
 * name (the value; an empty value keeps the frame's own name).
 */
export const HANG_ANCHORS: ReadonlyArray<readonly [anchor: string, name: string]> = [
  ["rtnl_lock", ""],
  ["synchronize_rcu", "synchronize_rcu"],
  ["synchronize_srcu", "synchronize_rcu"],
  ["synchronize_net", "synchronize_rcu"],
  ["synchronize_sched", "synchronize_rcu"],
];

/** Substrings of scheduler and wait frames that a hung task report passes over. */
export const HANG_SKIP: readonly string[] = [
  "sched", "_lock", "_slowlock", "down", "rwsem", "completion", "kthread", "wait", "synchronize",
  "context_switch", "__switch_to", "cancel_delayed_work", "rcu_barrier",
];

/**
 * Source files that are never the guilty file (syzkaller's guiltyFileIgnores): headers, library
 * and allocator code, sanitizers, locking, scheduling and core networking that merely reports
 * or relays the bug.
 */
export const GUILTY_FILE_IGNORES: readonly RegExp[] = [
  /.*\.h/, /^lib\/.*/, /^virt\/lib\/.*/, /^mm\/kasan\/.*/, /^mm\/kmsan\/.*/, /^kernel\/kcov.c/,
  /^mm\/sl.b.c/, /^mm\/filemap.c/, /^mm\/folio-compat.c/, /^mm\/truncate.c/, /^mm\/memory.c/,
  /^mm\/percpu.*/, /^mm\/vmalloc.c/, /^mm\/page_alloc.c/, /^mm\/mempool.c/, /^mm\/util.c/,
  /^kernel\/rcu\/.*/, /^arch\/.*\/kernel\/traps.c/, /^arch\/.*\/kernel\/unwind.*.c/,
  /^arch\/.*\/mm\/fault.c/, /^arch\/.*\/mm\/physaddr.c/, /^arch\/.*\/kernel\/stacktrace.c/,
  /^arch\/.*\/kernel\/apic\/apic.c/, /^arch\/arm64\/kernel\/entry.*.c/,
  /^arch\/arm64\/kernel\/process\.c/, /^kernel\/locking\/.*/, /^kernel\/panic.c/,
  /^kernel\/printk\/printk.*.c/, /^kernel\/softirq.c/, /^kernel\/kthread.c/,
  /^kernel\/sched\/.*.c/, /^kernel\/stacktrace.c/, /^kernel\/time\/timer.c/,
  /^kernel\/workqueue.c/, /^net\/core\/dev.c/, /^net\/core\/sock.c/, /^net\/core\/skbuff.c/,
  /^fs\/proc\/generic.c/,
  // Trusty sources are not in the kernel tree.
  /^trusty\//,
  // A WARNING in urb.c usually means a bug in the driver that submitted the urb.
  /^drivers\/usb\/core\/urb.c/,
  // CRC helpers are almost always fed bad input by their caller.
  /^arch\/.*\/lib\/crc.*/,
];

/**
 * Lines whose file reference does not point at the bug: lockdep's irq-trace and held-lock
 * lines (they name where a lock was taken) and arm register annotations.
 */
export const GUILTY_LINE_IGNORE =
  /(hardirqs|softirqs)\s+last\s+(enabled|disabled)|,\s+at:\s+|^\s*#\d+:|^Register r\d+ information/;

/** Fault-injection stacks interleave with reports; seeing one makes the report corrupted. */
export const CORRUPTED_FRAME_LINE =
  /^( \[<?(?:0x)?[0-9a-f]+>?\])? should_fail(slab)?(\.[a-z0-9.]+)?\+0x/;

/** Builds one alternation from skip patterns; every pattern is a short, linear regexp. */
export function skipRegExp(patterns: readonly string[]): RegExp {
  return new RegExp(patterns.map((p) => `(?:${p})`).join("|"));
}
