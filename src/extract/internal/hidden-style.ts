/**
 * Does an inline style hide its element? We look for the usual link-hiding tricks:
 * `display:none`, `visibility:hidden`, `font-size:0` (any unit) and a far negative `text-indent`
 * (≤ -999px, the old "phark" image-replacement trick). Case and whitespace are ignored.
 * A heuristic: stylesheets, classes and scripts are not looked at.
 */
const MAYBE_HIDING = /none|hidden|0|indent/i;

export function isHidingStyle(style: string): boolean {
  // Fast reject: every pattern needs one of these substrings.
  if (!MAYBE_HIDING.test(style)) return false;
  const s = style.toLowerCase().replace(/\s+/g, '');
  if (s.includes('display:none') || s.includes('visibility:hidden')) return true;
  if (/(?:^|[;{])font-size:0(?:[a-z%]*)?(?:!important)?(?:;|$)/.test(s)) return true;
  const ti = /(?:^|;)text-indent:-(\d+)/.exec(s);
  return ti !== null && Number(ti[1]) >= 999;
}
