export * from "./position.js";
export * from "./diagnostic.js";
export * from "./outline.js";
export * from "./deck.js";
export * from "./slideSpec.js";
export * from "./theme.js";
