import { describe, expect, it } from "vitest";
import { listenHost, listenUrl, trustProxySetting } from "./server-settings.mjs";

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["  ", false],
    ["1", 1],
    [" 2 ", 2],
    ["0", 0],
  ])("reads %j as a hop count (%j)", (value, setting) => {
    expect(trustProxySetting(value)).toBe(setting);
  });

  it.each([
    ["10.0.0.1", ["10.0.0.1"]],
    ["10.0.0.0/8, 192.168.1.5", ["10.0.0.0/8", "192.168.1.5"]],
    ["loopback,uniquelocal,linklocal", ["loopback", "uniquelocal", "linklocal"]],
    ["::1, fd00::/8", ["::1", "fd00::/8"]],
    ["172.16.0.0/12", ["172.16.0.0/12"]],
  ])("reads %j as a list of proxies", (value, setting) => {
    expect(trustProxySetting(value)).toEqual(setting);
  });

  it.each(["true", "yes", "1.2.3", "10.0.0.0/33", "::1/129", "10.0.0.0/8/1", "10.0.0.1,", "10.0.0.1,,10.0.0.2", "proxy.example", "-1", "1.5", "1000"])(
    "refuses %j, naming it and showing the forms it takes",
    (value) => {
      expect(() => trustProxySetting(value)).toThrow(/^TRUST_PROXY: ".*" is neither a hop count nor an address.*TRUST_PROXY=1/);
    },
  );
});

describe("HOST", () => {
  it("listens on every interface unless given an address", () => {
    expect(listenHost(undefined)).toBeUndefined();
    expect(listenHost(" ")).toBeUndefined();
    expect(listenHost(" 127.0.0.1 ")).toBe("127.0.0.1");
  });

  it("prints an address a person can open", () => {
    expect(listenUrl(undefined, 3000)).toBe("http://localhost:3000");
    expect(listenUrl("0.0.0.0", 3000)).toBe("http://localhost:3000");
    expect(listenUrl("127.0.0.2", 3201)).toBe("http://127.0.0.2:3201");
    expect(listenUrl("::1", 3201)).toBe("http://[::1]:3201");
  });
});
