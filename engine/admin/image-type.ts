/** The image types a company logo may be, by what its bytes begin with (never by a name or a header). */
export type ImageType = "image/png" | "image/jpeg" | "image/webp";

const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpeg = [0xff, 0xd8, 0xff];
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** What image `bytes` are by their magic bytes, or undefined when they are none of the three. */
export function imageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, png)) return "image/png";
  if (startsWith(bytes, jpeg)) return "image/jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return undefined;
}
