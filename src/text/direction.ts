const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const FIRST_LETTER = /\p{L}/u;

/** Text reads right to left when its first letter is from a right-to-left script (Hebrew, Arabic, …). */
export function isRightToLeft(text: string): boolean {
  // ASCII before the first letter is read here: its letters are A–Z and a–z, which read left to right.
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) {
      const first = FIRST_LETTER.exec(text.slice(i));
      return first !== null && RTL_LETTER.test(first[0]);
    }
    if ((unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a)) return false;
  }
  return false;
}
