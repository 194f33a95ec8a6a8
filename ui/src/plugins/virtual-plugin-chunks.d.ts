/** The plugins' UI files as ui/plugin-chunks.vite.ts builds them: one chunk each, by URL. */
declare module "virtual:plugin-chunks" {
  const chunks: {
    plugin: string;
    kind: "screens" | "texts";
    /** For texts: the file's locale. */
    locale: string;
    url: string;
  }[];
  export default chunks;
}
