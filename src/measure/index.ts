/** Text measured at build time with real font metrics: see README.md beside this file. */
export { fontFor, KERNING_FROM_PT, SINGLE_LINE_EM, type MeasuringFont } from "./fonts.js";
export { CELL_MARGIN, familiesOf, measureCellHeight, measureText, paragraphIndent, type CellOptions } from "./measure.js";
export { fontMeasurer } from "./measurer.js";
export * from "./model.js";
export { chooseStandIn, STAND_INS, type StandIn } from "./standIns.js";
export { wrap, type WrapRun } from "./wrap.js";
