import { describe, expect, test } from "vitest";
import { labelsInDoubt, reconcileLabels } from "../../src/decide/labels.js";

const spec = (name: string) => ({ name, color: "1d76db", description: "x" });

describe("reconcileLabels: labels follow the evidence, people have the last word", () => {
  test("adds what the evidence supports and records it as the app's", () => {
    expect(reconcileLabels([spec("subsystem: mm")], ["bug"], { appLabels: [], declinedLabels: [], peopleLabels: [] }, [])).toEqual({
      add: [spec("subsystem: mm")],
      remove: [],
      appLabels: ["subsystem: mm"],
      declinedLabels: [],
      peopleLabels: [],
    });
  });

  test("takes off only the app's own labels the evidence no longer supports", () => {
    const out = reconcileLabels([spec("subsystem: sound")], ["subsystem: mm", "subsystem: block"], { appLabels: ["subsystem: mm"], declinedLabels: [], peopleLabels: [] }, []);
    expect(out).toEqual({ add: [spec("subsystem: sound")], remove: ["subsystem: mm"], appLabels: ["subsystem: sound"], declinedLabels: [], peopleLabels: [] });
  });

  test("a label present but not the app's is neither added nor recorded, and never removed", () => {
    const out = reconcileLabels([spec("subsystem: mm")], ["Subsystem: MM"], { appLabels: [], declinedLabels: [], peopleLabels: [] }, []);
    expect(out).toEqual({ add: [], remove: [], appLabels: [], declinedLabels: [], peopleLabels: [] });
    expect(reconcileLabels([], ["subsystem: mm"], out, []).remove).toEqual([]);
  });

  test("a label a person took off after the app added it is declined: not put back while the evidence still wants it", () => {
    const out = reconcileLabels([spec("subsystem: mm")], [], { appLabels: ["subsystem: mm"], declinedLabels: [], peopleLabels: [] }, []);
    expect(out).toEqual({ add: [], remove: [], appLabels: [], declinedLabels: ["subsystem: mm"], peopleLabels: [] });
    expect(reconcileLabels([spec("subsystem: mm")], [], out, []).add).toEqual([]);
  });

  test("a maintainer's command asks for a declined label again", () => {
    const out = reconcileLabels([spec("duplicate")], [], { appLabels: [], declinedLabels: ["duplicate"], peopleLabels: [] }, ["duplicate"]);
    expect(out).toEqual({ add: [spec("duplicate")], remove: [], appLabels: ["duplicate"], declinedLabels: [], peopleLabels: [] });
  });
});

describe("reconcileLabels with the issue's events", () => {
  const history = (entries: [string, "labeled" | "unlabeled", boolean][]) => new Map(entries.map(([l, action, byApp]) => [l, { action, byApp }]));

  test("a wanted label the app added in a try whose comment failed is the app's", () => {
    const out = reconcileLabels([spec("subsystem: mm")], ["subsystem: mm"], { appLabels: [], declinedLabels: [], peopleLabels: [] }, [], history([["subsystem: mm", "labeled", true]]));
    expect(out.appLabels).toEqual(["subsystem: mm"]);
  });

  test("a wanted label a person added is not", () => {
    const out = reconcileLabels([spec("subsystem: mm")], ["subsystem: mm"], { appLabels: [], declinedLabels: [], peopleLabels: [] }, [], history([["subsystem: mm", "labeled", false]]));
    expect(out.appLabels).toEqual([]);
  });

  test("a recorded label that never got on is added again; one a person took off is declined", () => {
    const never = reconcileLabels([spec("subsystem: mm")], [], { appLabels: ["subsystem: mm"], declinedLabels: [], peopleLabels: [] }, [], history([]));
    expect(never).toMatchObject({ add: [spec("subsystem: mm")], declinedLabels: [] });
    const off = reconcileLabels([spec("subsystem: mm")], [], { appLabels: ["subsystem: mm"], declinedLabels: [], peopleLabels: [] }, [], history([["subsystem: mm", "unlabeled", false]]));
    expect(off).toMatchObject({ add: [], declinedLabels: ["subsystem: mm"] });
  });

  test("a recorded label a person took off and put back is theirs: kept when the evidence moves on, and not asked about again", () => {
    const state = { appLabels: ["subsystem: mm"], declinedLabels: [], peopleLabels: [] };
    expect(labelsInDoubt([spec("subsystem: sound")], ["subsystem: mm"], state)).toEqual(["subsystem: mm"]);
    const out = reconcileLabels([spec("subsystem: sound")], ["subsystem: mm"], state, [], history([["subsystem: mm", "labeled", false]]));
    expect(out).toEqual({ add: [spec("subsystem: sound")], remove: [], appLabels: ["subsystem: sound"], declinedLabels: [], peopleLabels: ["subsystem: mm"] });
    expect(labelsInDoubt([], ["subsystem: mm", "subsystem: sound"], out)).toEqual(["subsystem: sound"]);
    expect(reconcileLabels([], ["subsystem: mm", "subsystem: sound"], out, [], null).remove).toEqual(["subsystem: sound"]);
  });

  test("a recorded label the app put on itself is taken off when the evidence moves on", () => {
    const state = { appLabels: ["subsystem: mm"], declinedLabels: [], peopleLabels: [] };
    const out = reconcileLabels([], ["subsystem: mm"], state, [], history([["subsystem: mm", "labeled", true]]));
    expect(out).toMatchObject({ remove: ["subsystem: mm"], appLabels: [], peopleLabels: [] });
  });

  test("a person's label that a person then takes off is declined: the app does not put it on later", () => {
    const mine = { appLabels: [], declinedLabels: [], peopleLabels: ["subsystem: mm"] };
    const out = reconcileLabels([spec("subsystem: mm")], [], mine, [], null);
    expect(out).toEqual({ add: [], remove: [], appLabels: [], declinedLabels: ["subsystem: mm"], peopleLabels: [] });
  });
});
