import { describe, expect, it } from "vitest";
import { imageType } from "./image-type.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe("imageType", () => {
  it("knows PNG, JPEG and WebP by their first bytes", () => {
    expect(imageType(bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(imageType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(imageType(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses anything else, however it is named", () => {
    expect(imageType(bytes("GIF89a"))).toBeUndefined();
    expect(imageType(bytes("<svg xmlns"))).toBeUndefined();
    expect(imageType(bytes("RIFF", [1, 2, 3, 4], "WAVE"))).toBeUndefined();
    expect(imageType(bytes([0x89], "PN"))).toBeUndefined();
    expect(imageType(new Uint8Array())).toBeUndefined();
  });
});
