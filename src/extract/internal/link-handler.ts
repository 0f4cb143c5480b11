/**
 * The htmlparser2 callback handler that turns a stream of tokens into links. This is the hot path:
 * tags map to integer codes, the element stack is two typed arrays, attributes arrive one at a time
 * (`onattribute`, so the parser builds no attribute objects), and only links allocate.
 *
 * Rules, in the order a page meets them:
 * - `<base href>`: the first one with a usable http(s) href becomes the base for links that follow it.
 * - `<a href>` gives one link when it closes. If it has no text but contains an `<img>`, it is kind
 *   `img` with the first non-empty alt as anchor; otherwise kind `a` with its text (alt ignored).
 * - `<area href>` gives kind `a` with its alt as anchor.
 * - `<link rel=canonical>` gives kind `canonical`; `<meta http-equiv=refresh>` gives `meta-refresh`.
 * - `<meta name=robots|vouch|googlebot>` (the configured agents) adds noindex/nofollow for the page.
 * - Text inside script/style/iframe/textarea and other raw-text elements is not page text.
 */
import { registrableDomain } from '../../core/registrable-domain.js';
import { tryCanonicalizeUrl, tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import type { LinkKind } from '../../core/types.js';
import type { ExtractedLink, SkippedCounts } from '../types.js';
import { parseMetaRefreshUrl } from './meta-refresh.js';
import { POSITION_NAMES } from './position.js';
import { FRAME_HIDDEN, FRAME_POS_MASK, elementFrame } from './element-frame.js';
import type { FrameAttributes } from './element-frame.js';
import { REL_CANONICAL, REL_NOFOLLOW, REL_SPONSORED, REL_UGC, parseRel } from './rel-tokens.js';
import { ROBOTS_NOFOLLOW, parseRobotsDirectives } from './robots-directives.js';
import * as T from './tag-codes.js';
import { A_ALT, A_CLASS, A_CONTENT, A_HIDDEN, A_HREF, A_HTTP_EQUIV, A_ID, A_LANG, A_NAME, A_REL, A_ROLE, A_STYLE, PendingAttributes } from './pending-attributes.js';
import { collapseAndCut } from './text.js';
import { classifySkippedHref, isFragmentOnlyHref } from './classify-href.js';
import { ContextTracker } from './context-tracker.js';
import type { VisibleText } from './visible-text.js';

export const ANCHOR_MAX_CHARS = 500;
export const TITLE_MAX_CHARS = 1000;
/** Characters of text kept on each side of a link for its context. */
export const CONTEXT_SIDE_CHARS = 50;
/** Hosts remembered by domainOf (a power of two). */
const RECENT_HOSTS = 8;

export class LinkHandler {
  readonly links: ExtractedLink[] = [];
  readonly skipped: SkippedCounts = { javascript: 0, mailto: 0, tel: 0, data: 0, fragment: 0, invalid: 0, other: 0 };
  title: string | null = null;
  lang: string | null = null;
  canonical: string | null = null;
  baseUrl: string | null = null;
  robotsFlags = 0;
  readonly metaRobots: string[] = [];

  private base: string;
  // domainOf's ring of recent hosts and their domains.
  private readonly recentHosts: string[] = [];
  private readonly recentDomains: string[] = [];
  private recentNext = 0;
  private readonly agents: readonly string[];

  // Element stack: tag codes and frames (position | hidden), as typed arrays that grow when needed.
  private tags = new Uint8Array(256);
  private frames = new Uint8Array(256);
  private depth = 0;

  // The open tag whose attributes are still arriving.
  private pending = false;
  private pendingCode = 0;
  private readonly attrs = new PendingAttributes();
  /** Reused for every element, so that computing a frame allocates nothing. */
  private readonly frameAttrs: FrameAttributes = { role: null, id: null, cls: null, style: null, hidden: false };

  // Text state.
  private rawText = false;
  private inTitle = false;
  private titleRaw = '';
  private foreignDepth = 0;
  private needSpace = false;
  private readonly text = new ContextTracker(CONTEXT_SIDE_CHARS, ANCHOR_MAX_CHARS);

  // The open `<a>` with a usable href.
  private aOpen = false;
  private aUrl = '';
  private aHost = '';
  private aRel = 0;
  private aFrame = 0;
  private aHasImg = false;
  private aAlt = '';

  constructor(pageUrl: string, agents: readonly string[]) {
    this.base = pageUrl;
    this.agents = agents;
  }

  // ---- htmlparser2 callbacks -------------------------------------------------------------

  onopentagname(name: string): void {
    this.flush();
    const code = T.tagCode(name);
    const d = this.depth;
    if (d === this.tags.length) this.grow();
    this.tags[d] = code;
    this.frames[d] = d === 0 ? 0 : this.frames[d - 1]!;
    this.depth = d + 1;
    this.pending = true;
    this.pendingCode = code;
    this.attrs.seen = 0;
    switch (code) {
      case T.T_INLINE:
      case T.T_A:
      case T.T_IMG:
        break;
      case T.T_RAW:
        this.rawText = true;
        break;
      case T.T_TITLE:
        if (this.title === null && this.foreignDepth === 0) this.inTitle = true;
        break;
      case T.T_FOREIGN:
        this.foreignDepth++;
        this.needSpace = true;
        break;
      default:
        this.needSpace = true;
    }
  }

  onattribute(name: string, value: string): void {
    if (this.pending) this.attrs.set(name, value);
  }

  /**
   * Page text. `visible`, when given, takes the same text (the footprint's visible text): in the
   * same pass over the characters when it is link context too.
   */
  ontext(data: string, visible: VisibleText | null = null): void {
    this.flush();
    if (this.rawText) {
      visible?.add(data);
      return;
    }
    if (this.inTitle) {
      if (this.titleRaw.length < TITLE_MAX_CHARS * 4) this.titleRaw += data;
      visible?.add(data);
      return;
    }
    if (this.needSpace) {
      this.needSpace = false;
      this.text.append(' ');
    }
    if (visible === null) this.text.append(data);
    else this.text.appendVisible(data, visible);
  }

  onclosetag(): void {
    // NOTE: a tag still pending here never saw its `>`: htmlparser2 closes it at end of input
    // (browsers drop such a tag), or it is an implied `<p>`/`<br>` with no attributes. Either way its
    // attributes are not acted on. Complete tags were flushed by the parser hook.
    this.pending = false;
    if (this.depth === 0) return;
    const d = --this.depth;
    switch (this.tags[d]) {
      case T.T_A:
        if (this.aOpen) this.endAnchor();
        break;
      case T.T_INLINE:
      case T.T_IMG:
        break;
      case T.T_RAW:
        this.rawText = false;
        this.needSpace = true;
        break;
      case T.T_TITLE:
        if (this.inTitle) {
          this.inTitle = false;
          this.title = collapseAndCut(this.titleRaw, TITLE_MAX_CHARS);
          this.titleRaw = '';
        }
        break;
      case T.T_FOREIGN:
        this.foreignDepth--;
        this.needSpace = true;
        break;
      default:
        this.needSpace = true;
    }
  }

  /** Finish the page: close what is open, complete contexts, apply meta nofollow to every link. */
  finish(): void {
    this.pending = false;
    while (this.depth > 0) this.onclosetag();
    if (this.inTitle) {
      this.inTitle = false;
      this.title = collapseAndCut(this.titleRaw, TITLE_MAX_CHARS);
    }
    this.text.finishAll();
    // NOTE: meta robots may come after links in the document, so metaNofollow is fixed up here.
    if ((this.robotsFlags & ROBOTS_NOFOLLOW) !== 0) for (const link of this.links) link.metaNofollow = true;
  }

  // ---- open-tag completion ----------------------------------------------------------------

  /** Called when the open tag's attributes are complete (by the parser hook, or lazily). */
  flush(): void {
    if (!this.pending) return; // e.g. a nested <form> that htmlparser2 drops still ends its tag
    this.pending = false;
    const code = this.pendingCode;
    const seen = this.attrs.seen;
    const d = this.depth - 1;
    if ((seen & (A_STYLE | A_CLASS | A_ID | A_ROLE | A_HIDDEN)) !== 0 || (code >= T.T_HEADER && code <= T.T_FOOTER)) {
      this.frames[d] = this.frameFor(code, seen, d > 0 ? this.frames[d - 1]! : 0);
    }
    switch (code) {
      case T.T_A:
        if ((seen & A_HREF) !== 0) this.startAnchor(this.frames[d]!);
        break;
      case T.T_IMG:
        if (this.aOpen) {
          this.aHasImg = true;
          if (this.aAlt === '' && (seen & A_ALT) !== 0) this.aAlt = this.attrs.alt;
        }
        break;
      case T.T_AREA:
        if ((seen & A_HREF) !== 0) this.areaLink(this.frames[d]!);
        break;
      case T.T_LINK:
        if ((seen & (A_HREF | A_REL)) === (A_HREF | A_REL) && (parseRel(this.attrs.rel) & REL_CANONICAL) !== 0) {
          const url = this.emitHeadLink(this.attrs.href, 'canonical');
          if (url !== null && this.canonical === null) this.canonical = url;
        }
        break;
      case T.T_META:
        this.meta(seen);
        break;
      case T.T_BASE:
        if (this.baseUrl === null && (seen & A_HREF) !== 0) {
          const url = tryCanonicalizeUrl(this.attrs.href, this.base);
          if (url !== null) this.base = this.baseUrl = url;
        }
        break;
      case T.T_HTML:
        if (this.lang === null && (seen & A_LANG) !== 0) {
          const lang = this.attrs.lang.trim();
          if (lang.length > 0) this.lang = lang;
        }
        break;
      default:
        break;
    }
  }

  private frameFor(code: number, seen: number, parent: number): number {
    const a = this.frameAttrs;
    a.role = (seen & A_ROLE) !== 0 ? this.attrs.role : null;
    a.id = (seen & A_ID) !== 0 ? this.attrs.id : null;
    a.cls = (seen & A_CLASS) !== 0 ? this.attrs.cls : null;
    a.style = (seen & A_STYLE) !== 0 ? this.attrs.style : null;
    a.hidden = (seen & A_HIDDEN) !== 0;
    return elementFrame(code, a, parent);
  }

  private meta(seen: number): void {
    if ((seen & A_CONTENT) === 0) return;
    if ((seen & A_NAME) !== 0) {
      const name = this.attrs.name.trim().toLowerCase();
      if (name === 'robots' || this.agents.includes(name)) {
        this.robotsFlags |= parseRobotsDirectives(this.attrs.content);
        const c = this.attrs.content.trim();
        if (c.length > 0) this.metaRobots.push(c);
      }
    } else if ((seen & A_HTTP_EQUIV) !== 0 && this.attrs.httpEquiv.trim().toLowerCase() === 'refresh') {
      const target = parseMetaRefreshUrl(this.attrs.content);
      if (target !== null) this.emitHeadLink(target, 'meta-refresh');
    }
  }

  // ---- links ------------------------------------------------------------------------------

  private startAnchor(frame: number): void {
    if (this.aOpen) this.endAnchor(); // htmlparser2 closes <a> before a new <a>; defensive
    const r = this.resolve(this.attrs.href);
    if (r === null) return;
    this.aOpen = true;
    this.aUrl = r.url;
    this.aHost = r.host;
    this.aRel = (this.attrs.seen & A_REL) !== 0 ? parseRel(this.attrs.rel) : 0;
    this.aFrame = frame;
    this.text.openLink();
    this.aHasImg = false;
    this.aAlt = '';
  }

  private endAnchor(): void {
    this.aOpen = false;
    if (this.aHasImg && this.text.anchorIsBlank()) {
      // An img link's alt is not page text, so the context shows it between the text around.
      const anchor = collapseAndCut(this.aAlt, ANCHOR_MAX_CHARS);
      this.text.closeLink(this.push(this.aUrl, this.aHost, 'img', anchor, this.aRel, this.aFrame), anchor);
    } else {
      // The anchor is the link's text, filled in with the context.
      this.text.closeTextLink(this.push(this.aUrl, this.aHost, 'a', '', this.aRel, this.aFrame));
    }
  }

  private areaLink(frame: number): void {
    const r = this.resolve(this.attrs.href);
    if (r === null) return;
    const anchor = (this.attrs.seen & A_ALT) !== 0 ? collapseAndCut(this.attrs.alt, ANCHOR_MAX_CHARS) : '';
    const link = this.push(r.url, r.host, 'a', anchor, (this.attrs.seen & A_REL) !== 0 ? parseRel(this.attrs.rel) : 0, frame);
    this.text.pointLink(link, anchor);
  }

  /** A link from `<head>` markup or HTTP: no anchor, context, rel flags or position. */
  emitHeadLink(href: string, kind: LinkKind, base: string = this.base): string | null {
    const r = this.resolve(href, base);
    if (r === null) return null;
    this.push(r.url, r.host, kind, '', 0, 0);
    return r.url;
  }

  private resolve(href: string, base: string = this.base): { url: string; host: string } | null {
    if (isFragmentOnlyHref(href)) {
      this.skipped.fragment++;
      return null;
    }
    const r = tryCanonicalizeUrlWithHost(href, base);
    if (r === null) classifySkippedHref(href, base, this.skipped);
    return r;
  }

  private push(url: string, host: string, kind: LinkKind, anchor: string, rel: number, frame: number): ExtractedLink {
    const link: ExtractedLink = {
      dstUrl: url,
      dstHost: host,
      dstDomain: this.domainOf(host),
      kind,
      anchor,
      nofollow: (rel & REL_NOFOLLOW) !== 0,
      ugc: (rel & REL_UGC) !== 0,
      sponsored: (rel & REL_SPONSORED) !== 0,
      metaNofollow: false,
      position: POSITION_NAMES[frame & FRAME_POS_MASK]!,
      context: '',
      hidden: (frame & FRAME_HIDDEN) !== 0,
    };
    this.links.push(link);
    return link;
  }

  /**
   * Registrable domain of a link's host. A page links to a few hosts many times: the last hosts seen
   * are compared first, which is cheaper than the shared cache's lookup of a fresh host string.
   */
  private domainOf(host: string): string {
    const hosts = this.recentHosts;
    for (let i = 0; i < hosts.length; i++) if (hosts[i] === host) return this.recentDomains[i]!;
    const domain = registrableDomain(host);
    const slot = this.recentNext;
    hosts[slot] = host;
    this.recentDomains[slot] = domain;
    this.recentNext = (slot + 1) & (RECENT_HOSTS - 1);
    return domain;
  }

  private grow(): void {
    const tags = new Uint8Array(this.tags.length * 2);
    tags.set(this.tags);
    this.tags = tags;
    const frames = new Uint8Array(this.frames.length * 2);
    frames.set(this.frames);
    this.frames = frames;
  }
}
