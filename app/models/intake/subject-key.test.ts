import { describe, expect, it } from "vitest";
import { normaliseUrl, parseHttpUrl, subjectFromInput, subjectKey } from "./subject-key";

describe("normaliseUrl", () => {
  it("lowercases scheme and host, drops the default port, fragment and trailing slash", () => {
    expect(normaliseUrl("HTTPS://Community.Example.COM:443/p/123/#comment-4")).toBe("https://community.example.com/p/123");
    expect(normaliseUrl("http://example.com:80/")).toBe("http://example.com");
  });

  it("keeps a port that is not the default and the case of the path", () => {
    expect(normaliseUrl("https://example.com:8443/Post/AbC")).toBe("https://example.com:8443/Post/AbC");
  });

  it("drops tracking parameters and sorts the rest", () => {
    expect(normaliseUrl("https://example.com/p/1?utm_source=x&b=2&UTM_Campaign=y&fbclid=z&a=1&gclid=q")).toBe(
      "https://example.com/p/1?a=1&b=2",
    );
  });

  it("treats a bare www. address as https and ignores surrounding spaces", () => {
    expect(normaliseUrl("  www.Example.com/p/1  ")).toBe("https://www.example.com/p/1");
  });

  it("gives one form to percent-escapes, international hosts and NFC variants", () => {
    expect(normaliseUrl("https://example.com/caf%c3%a9")).toBe(normaliseUrl("https://example.com/café"));
    expect(normaliseUrl("https://example.com/cafe\u0301")).toBe(normaliseUrl("https://example.com/caf\u00e9"));
    expect(normaliseUrl("https://BÜCHER.example/x")).toBe("https://xn--bcher-kva.example/x");
  });

  it("answers null for anything that is not an http(s) URL", () => {
    for (const input of ["javascript:alert(1)", "ftp://example.com/x", "12345", "", "https://", "https://exa mple.com"]) {
      expect(normaliseUrl(input)).toBeNull();
    }
    expect(parseHttpUrl("mailto:someone@example.com")).toBeNull();
  });
});

describe("subjectKey", () => {
  it("keys an id on itself, trimmed and in NFC, keeping its case", () => {
    expect(subjectKey({ type: "content", id: "  AbC123 " })).toBe("content:id:AbC123");
    expect(subjectKey({ type: "content", id: "abc123" })).not.toBe(subjectKey({ type: "content", id: "ABC123" }));
    expect(subjectKey({ type: "content", id: "e\u0301" })).toBe(subjectKey({ type: "content", id: "\u00e9" }));
  });

  it("treats account handles as case-insensitive", () => {
    expect(subjectKey({ type: "account", id: "@Alice" })).toBe(subjectKey({ type: "account", id: " @alice" }));
  });

  it("keeps content and accounts apart", () => {
    expect(subjectKey({ type: "content", id: "42" })).not.toBe(subjectKey({ type: "account", id: "42" }));
  });

  it("keys an id that is a URL, or a URL without an id, on the normalised URL", () => {
    const fromForm = subjectKey({ type: "content", id: "https://Example.com/p/1/?utm_medium=share#top" });
    expect(fromForm).toBe("content:url:https://example.com/p/1");
    expect(subjectKey({ type: "content", url: "https://example.com/p/1" })).toBe(fromForm);
  });

  it("prefers a platform id over the URL sent beside it", () => {
    expect(subjectKey({ type: "content", id: "post-9", url: "https://example.com/p/9" })).toBe("content:id:post-9");
  });

  it("refuses a subject with neither id nor URL", () => {
    expect(() => subjectKey({ type: "content", id: "   " })).toThrow();
  });
});

describe("subjectFromInput", () => {
  it("makes a URL-looking input the subject URL, adding https:// to a bare www. address", () => {
    expect(subjectFromInput(" https://example.com/p/1 ")).toEqual({ id: "https://example.com/p/1", url: "https://example.com/p/1" });
    expect(subjectFromInput("www.example.com/p/1")).toEqual({ id: "www.example.com/p/1", url: "https://www.example.com/p/1" });
    expect(subjectFromInput("post 123")).toEqual({ id: "post 123", url: null });
  });
});
