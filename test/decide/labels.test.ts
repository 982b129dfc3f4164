import { describe, expect, test } from "vitest";
import { reconcileLabels } from "../../src/decide/labels.js";

const spec = (name: string) => ({ name, color: "1d76db", description: "x" });

describe("reconcileLabels: labels follow the evidence, people have the last word", () => {
  test("adds what the evidence supports and records it as the app's", () => {
    expect(reconcileLabels([spec("subsystem: mm")], ["bug"], { appLabels: [], declinedLabels: [] }, [])).toEqual({
      add: [spec("subsystem: mm")],
      remove: [],
      appLabels: ["subsystem: mm"],
      declinedLabels: [],
    });
  });

  test("takes off only the app's own labels the evidence no longer supports", () => {
    const out = reconcileLabels([spec("subsystem: sound")], ["subsystem: mm", "subsystem: block"], { appLabels: ["subsystem: mm"], declinedLabels: [] }, []);
    expect(out).toEqual({ add: [spec("subsystem: sound")], remove: ["subsystem: mm"], appLabels: ["subsystem: sound"], declinedLabels: [] });
  });

  test("a label present but not the app's is neither added nor recorded, and never removed", () => {
    const out = reconcileLabels([spec("subsystem: mm")], ["Subsystem: MM"], { appLabels: [], declinedLabels: [] }, []);
    expect(out).toEqual({ add: [], remove: [], appLabels: [], declinedLabels: [] });
    expect(reconcileLabels([], ["subsystem: mm"], out, []).remove).toEqual([]);
  });

  test("a label a person took off after the app added it is declined: not put back while the evidence still wants it", () => {
    const out = reconcileLabels([spec("subsystem: mm")], [], { appLabels: ["subsystem: mm"], declinedLabels: [] }, []);
    expect(out).toEqual({ add: [], remove: [], appLabels: [], declinedLabels: ["subsystem: mm"] });
    expect(reconcileLabels([spec("subsystem: mm")], [], out, []).add).toEqual([]);
  });

  test("a maintainer's command asks for a declined label again", () => {
    const out = reconcileLabels([spec("duplicate")], [], { appLabels: [], declinedLabels: ["duplicate"] }, ["duplicate"]);
    expect(out).toEqual({ add: [spec("duplicate")], remove: [], appLabels: ["duplicate"], declinedLabels: [] });
  });
});
