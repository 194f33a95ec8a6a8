import { describe, expect, it } from "vitest";
import { acceptedEncoding } from "./accepted-encoding.ts";

describe("acceptedEncoding", () => {
  it("prefers brotli when weights tie, as browsers send them", () => {
    expect(acceptedEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(acceptedEncoding("GZIP, BR")).toBe("br");
    expect(acceptedEncoding("gzip")).toBe("gzip");
    expect(acceptedEncoding("x-gzip")).toBe("gzip");
  });

  it("follows q-values", () => {
    expect(acceptedEncoding("br;q=0.5, gzip")).toBe("gzip");
    expect(acceptedEncoding("br;q=0.9, gzip;q=0.1")).toBe("br");
    expect(acceptedEncoding("br;q=0, gzip;q=0.001")).toBe("gzip");
    expect(acceptedEncoding("br ; Q=0 , gzip")).toBe("gzip");
  });

  it("reads * as every coding not named", () => {
    expect(acceptedEncoding("*")).toBe("br");
    expect(acceptedEncoding("br;q=0, *")).toBe("gzip");
    expect(acceptedEncoding("gzip;q=0.2, *;q=0.5")).toBe("br");
  });

  it("answers identity when nothing it has is acceptable", () => {
    expect(acceptedEncoding(undefined)).toBe("identity");
    expect(acceptedEncoding("")).toBe("identity");
    expect(acceptedEncoding("identity")).toBe("identity");
    expect(acceptedEncoding("deflate, zstd")).toBe("identity");
    expect(acceptedEncoding("br;q=0, gzip;q=0")).toBe("identity");
    expect(acceptedEncoding("*;q=0")).toBe("identity");
    expect(acceptedEncoding("identity;q=0, *;q=0")).toBe("identity");
  });

  it("takes a malformed weight as refusal of that coding only", () => {
    expect(acceptedEncoding("br;q=2, gzip")).toBe("gzip");
    expect(acceptedEncoding("br;q=abc, gzip;q=0.5")).toBe("gzip");
    expect(acceptedEncoding("br;q=0.12345")).toBe("identity");
  });

  it("reads a bounded number of entries", () => {
    expect(acceptedEncoding(`${"deflate, ".repeat(40)}br`)).toBe("identity");
    expect(acceptedEncoding(`br, ${"deflate, ".repeat(100_000)}`)).toBe("br");
  });
});
