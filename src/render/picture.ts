import { fitBox } from "../images/size.js";
import type { Box, ImageElement } from "../model/slideSpec.js";

const round = (n: number) => Math.round(n * 1000) / 1000;

/** A picture placed in a box, never stretched: whole (`contain`) or cropped to fill (`cover`). */
export function placePicture(
  image: { path: string; alt: string; width: number; height: number },
  box: Box,
  fit: "contain" | "cover",
  layer: ImageElement["layer"],
): ImageElement {
  const placed = fitBox(image, box, fit);
  return {
    type: "image",
    layer,
    box: { x: round(placed.x), y: round(placed.y), w: round(placed.w), h: round(placed.h) },
    path: image.path,
    alt: image.alt,
    crop: fit === "cover" ? placed.crop : null,
  };
}
