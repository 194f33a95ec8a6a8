/**
 * An e-mail address as mail servers tell addresses apart in practice:
 * without surrounding spaces, full-width forms made half-width, in lower case.
 *
 * @example normaliseEmail(" Sales@HengDa.com ") // "sales@hengda.com"
 */
export function normaliseEmail(value: string): string | undefined {
  const address = value.normalize("NFKC").trim().toLowerCase();
  return address === "" ? undefined : address;
}
