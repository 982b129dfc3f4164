import { expect, test } from "vitest";
import { titleFromSubject } from "../../src/parse/index.js";

// Real titles: multipath-tcp/mptcp_net-next issues #537, #450, #555, #44, #155 and syzbot email subjects.
test.each([
  ["[syzkaller] WARNING in `__mptcp_clean_una` (2)", "WARNING in __mptcp_clean_una (2)"],
  ["syzkaller: WARNING in `__mptcp_move_skbs_from_subflow`", "WARNING in __mptcp_move_skbs_from_subflow"],
  ["[syzbot] WARNING in `mptcp_do_fallback`", "WARNING in mptcp_do_fallback"],
  ["[syzkaller] BUG: unable to handle kernel NULL pointer dereference in mptcp_subflow_get_send", "BUG: unable to handle kernel NULL pointer dereference in mptcp_subflow_get_send"],
  ["Re: [syzbot] [mm?] WARNING: suspicious RCU usage in mas_walk (2)", "WARNING: suspicious RCU usage in mas_walk (2)"],
  ["Re: [f2fs-dev] [syzbot] [mm?] [f2fs?] [exfat?] memory leak in __kfree_rcu_sheaf", "memory leak in __kfree_rcu_sheaf"],
])("%s", (subject, title) => {
  expect(titleFromSubject(subject)).toBe(title);
});

test("a title that is only tags has no crash title", () => {
  expect(titleFromSubject("[syzkaller] ")).toBeNull();
});
