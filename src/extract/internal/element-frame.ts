/**
 * An element's frame byte: its position code (see position.ts) in the low 3 bits and a hidden
 * flag in bit 3, from its tag, attributes and its parent's frame. Frames live in a Uint8Array
 * stack, so computing one allocates nothing.
 */
import { isHidingStyle } from './hidden-style.js';
import { NO_POS, POS_ASIDE, POS_FOOTER, POS_HEADER, POS_MAIN_STRONG, POS_NAV, combinePosition, hintPosition, rolePosition } from './position.js';
import * as T from './tag-codes.js';

export const FRAME_HIDDEN = 8;
export const FRAME_POS_MASK = 7;

/** The attributes that shape a frame; null where the element does not have one. */
export interface FrameAttributes {
  role: string | null;
  id: string | null;
  cls: string | null;
  style: string | null;
  hidden: boolean;
}

function tagPosition(code: number): number {
  switch (code) {
    case T.T_HEADER:
      return POS_HEADER;
    case T.T_NAV:
      return POS_NAV;
    case T.T_MAIN:
      return POS_MAIN_STRONG;
    case T.T_ASIDE:
      return POS_ASIDE;
    case T.T_FOOTER:
      return POS_FOOTER;
    default:
      return NO_POS;
  }
}

/** The frame of an element with tag `code` and attributes `a` inside a parent with frame `parent`. */
export function elementFrame(code: number, a: FrameAttributes, parent: number): number {
  let candidate = tagPosition(code);
  let fromHint = false;
  if (candidate === NO_POS && a.role !== null) candidate = rolePosition(a.role);
  // Hints on <html>/<body> describe the whole page (WordPress's `has-sidebar`), not a region.
  if (candidate === NO_POS && code !== T.T_HTML && code !== T.T_BODY) {
    if (a.id !== null) candidate = hintPosition(a.id);
    if (a.cls !== null) {
      const fromClass = hintPosition(a.cls);
      if (fromClass !== NO_POS && (candidate === NO_POS || fromClass === POS_FOOTER)) candidate = fromClass;
    }
    fromHint = true;
  }
  let frame = combinePosition(parent & FRAME_POS_MASK, candidate, fromHint) | (parent & FRAME_HIDDEN);
  if (a.hidden || (a.style !== null && isHidingStyle(a.style))) frame |= FRAME_HIDDEN;
  return frame;
}
