import { describe, expect, it } from "vitest";
import { REF_ALPHABET, newCaseRef, newReportRef, parseRef } from "~/models/cases/refs";

describe("references", () => {
  it("are a prefix and eight characters that cannot be misread", () => {
    const refs = Array.from({ length: 2000 }, () => newCaseRef());
    for (const ref of refs) expect(ref).toMatch(/^C-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(new Set(refs).size).toBe(refs.length);
    expect(REF_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(newReportRef()).toMatch(/^R-/);
  });

  it("are read back in canonical form, and anything else is refused", () => {
    const ref = newCaseRef();
    expect(parseRef(` ${ref.toLowerCase()} `, "case")).toBe(ref);
    expect(parseRef(ref, "report")).toBeNull();
    for (const input of ["", "C-", "C-0000000O", "C-2222222", "C-222222222", "C-2222222<"]) expect(parseRef(input, "case")).toBeNull();
  });
});
