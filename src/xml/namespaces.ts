/** The XML namespaces of Office Open XML that deckwright writes and checks, named once. */

/** DrawingML (`a:`). */
export const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
/** DrawingML charts (`c:`). */
export const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
/** PresentationML (`p:`). */
export const NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main";
/** Relationship ids in a part (`r:`); also the stem of the relationship types. */
export const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/** Office Math (`m:`). */
export const NS_M = "http://schemas.openxmlformats.org/officeDocument/2006/math";
/** Markup Compatibility (`mc:`, ECMA-376 Part 3). */
export const NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/** Office 2010 drawing extensions (`a14:`: equations). */
export const NS_A14 = "http://schemas.microsoft.com/office/drawing/2010/main";
/** Office 2016 SVG pictures (`asvg:`). */
export const NS_ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main";
/** OPC: a package's content types. */
export const NS_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types";
/** OPC: a relationships part. */
export const NS_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
