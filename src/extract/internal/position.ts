/**
 * Link position from ancestors. Each element gets a position code from its tag, its ARIA role, or
 * a class/id hint, else its parent's; the innermost one wins, with two exceptions that follow the
 * HTML landmark rules: a `<header>`/`<footer>` inside `<main>`/`<article>` belongs to that content
 * (it is the article's header, not the page's), and a header/footer *hint* (class="entry-footer")
 * never takes a link out of main content.
 *
 * Hints are whole class/id tokens (split on anything not a letter or digit, lower-cased):
 * footer: footer, *footer, footer*, colophon · aside: sidebar, *sidebar, sidebar*, aside, complementary
 * nav: nav, navbar, navigation, *nav, menu, menu*, *menu, breadcrumb* · header: header, *header,
 * header*, masthead, topbar · main: main, content, maincontent, article.
 * When tokens disagree the priority is footer > aside > nav > header > main.
 */
export const POS_BODY = 0;
export const POS_HEADER = 1;
export const POS_NAV = 2;
/** Main content known from a class/id hint only. */
export const POS_MAIN = 3;
export const POS_ASIDE = 4;
export const POS_FOOTER = 5;
/** Main content from `<main>`, `<article>` or role=main. */
export const POS_MAIN_STRONG = 6;
export const NO_POS = -1;

export const POSITION_NAMES = ['body', 'header', 'nav', 'main', 'aside', 'footer', 'main'] as const;

/** Combine the parent's code with the element's own candidate (tag/role = strong, hint = weak). */
export function combinePosition(parent: number, candidate: number, fromHint: boolean): number {
  if (candidate === NO_POS) return parent;
  if (candidate === POS_HEADER || candidate === POS_FOOTER) {
    if (parent === POS_MAIN_STRONG) return parent;
    if (fromHint && parent === POS_MAIN) return parent;
  }
  return candidate;
}

/** Position from an ARIA role attribute, or NO_POS. */
export function rolePosition(role: string): number {
  switch (role.trim().toLowerCase()) {
    case 'navigation':
      return POS_NAV;
    case 'banner':
      return POS_HEADER;
    case 'contentinfo':
      return POS_FOOTER;
    case 'main':
      return POS_MAIN_STRONG;
    case 'complementary':
      return POS_ASIDE;
    default:
      return NO_POS;
  }
}

// Cheap pre-filter: most class/id values contain none of these, and skip the tokenising.
const MAYBE_HINT = /foot|colophon|side|aside|complementary|nav|menu|breadcrumb|head|topbar|main|content|article/i;
const TOKEN_SPLIT = /[^a-z0-9]+/;

// indexed by code: body, header, nav, main, aside, footer, main-strong
const PRIORITY = [0, 2, 3, 1, 4, 5, 1];

/** Position hinted by a class or id value, or NO_POS. */
export function hintPosition(value: string): number {
  if (!MAYBE_HINT.test(value)) return NO_POS;
  let best = NO_POS;
  for (const token of value.toLowerCase().split(TOKEN_SPLIT)) {
    const p = tokenPosition(token);
    if (p !== NO_POS && (best === NO_POS || PRIORITY[p]! > PRIORITY[best]!)) best = p;
  }
  return best;
}

function affix(token: string, word: string): boolean {
  return token.startsWith(word) || token.endsWith(word);
}

function tokenPosition(t: string): number {
  if (t.length < 3) return NO_POS;
  switch (t) {
    case 'colophon':
      return POS_FOOTER;
    case 'aside':
    case 'complementary':
      return POS_ASIDE;
    case 'masthead':
    case 'topbar':
      return POS_HEADER;
    case 'main':
    case 'content':
    case 'maincontent':
    case 'article':
      return POS_MAIN;
    default:
      break;
  }
  if (affix(t, 'footer')) return POS_FOOTER;
  if (affix(t, 'sidebar')) return POS_ASIDE;
  if (t === 'nav' || t.startsWith('navbar') || t.startsWith('navigation') || t.endsWith('nav')) return POS_NAV;
  if (affix(t, 'menu') || t.startsWith('breadcrumb')) return POS_NAV;
  if (affix(t, 'header')) return POS_HEADER;
  return NO_POS;
}
