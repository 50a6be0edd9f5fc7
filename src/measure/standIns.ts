/**
 * Which open font's metrics stand in for a family. Each stand-in is metric-compatible with the
 * families it serves (the same advance width for every character), and ships on npm as a
 * @fontsource package under the SIL Open Font License.
 */

export interface StandIn {
  /** The open family whose metrics are used. */
  family: string;
  /** The @fontsource package that holds its files. */
  package: string;
}

const CARLITO: StandIn = { family: "Carlito", package: "@fontsource/carlito" };
const ARIMO: StandIn = { family: "Arimo", package: "@fontsource/arimo" };
const TINOS: StandIn = { family: "Tinos", package: "@fontsource/tinos" };
const CALADEA: StandIn = { family: "Caladea", package: "@fontsource/caladea" };
const COUSINE: StandIn = { family: "Cousine", package: "@fontsource/cousine" };
const GELASIO: StandIn = { family: "Gelasio", package: "@fontsource/gelasio" };

/** Lower-case family names → their stand-in. */
export const STAND_INS: ReadonlyMap<string, StandIn> = new Map([
  ["calibri", CARLITO],
  ["carlito", CARLITO],
  ["arial", ARIMO],
  ["helvetica", ARIMO],
  ["liberation sans", ARIMO],
  ["arimo", ARIMO],
  ["times new roman", TINOS],
  ["times", TINOS],
  ["liberation serif", TINOS],
  ["tinos", TINOS],
  ["cambria", CALADEA],
  ["caladea", CALADEA],
  ["courier new", COUSINE],
  ["courier", COUSINE],
  ["liberation mono", COUSINE],
  ["cousine", COUSINE],
  ["georgia", GELASIO],
  ["gelasio", GELASIO],
]);

/** Carlito's metrics serve a family that neither it nor any of its fallbacks has a stand-in for. */
export const DEFAULT_STAND_IN = CARLITO;

export interface StandInChoice {
  standIn: StandIn;
  /** The family of the list that the stand-in serves, or null when none had one (the default was used). */
  serves: string | null;
}

/** The first family in the list (the family, then its fallbacks) that has a stand-in. */
export function chooseStandIn(families: readonly string[]): StandInChoice {
  for (const family of families) {
    const standIn = STAND_INS.get(family.trim().toLowerCase());
    if (standIn) return { standIn, serves: family };
  }
  return { standIn: DEFAULT_STAND_IN, serves: null };
}
