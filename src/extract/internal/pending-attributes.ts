/**
 * The attributes of the open tag that the link handler acts on, as they arrive one by one from
 * htmlparser2's `onattribute`. `seen` has a bit per attribute present, so that resetting for the
 * next tag is one store and unused fields are never read.
 */
export const A_HREF = 1;
export const A_REL = 2;
export const A_STYLE = 4;
export const A_CLASS = 8;
export const A_ID = 16;
export const A_ROLE = 32;
export const A_HIDDEN = 64;
export const A_ALT = 128;
export const A_LANG = 256;
export const A_NAME = 512;
export const A_HTTP_EQUIV = 1024;
export const A_CONTENT = 2048;

export class PendingAttributes {
  seen = 0;
  href = '';
  rel = '';
  style = '';
  cls = '';
  id = '';
  role = '';
  alt = '';
  lang = '';
  name = '';
  httpEquiv = '';
  content = '';

  set(name: string, value: string): void {
    // Switch on length first: most attribute names (src, width, data-*) then fail one comparison.
    switch (name.length) {
      case 2:
        if (name === 'id') {
          this.id = value;
          this.seen |= A_ID;
        }
        break;
      case 3:
        if (name === 'rel') {
          this.rel = value;
          this.seen |= A_REL;
        } else if (name === 'alt') {
          this.alt = value;
          this.seen |= A_ALT;
        }
        break;
      case 4:
        if (name === 'href') {
          if ((this.seen & A_HREF) === 0) this.href = value;
          this.seen |= A_HREF;
        } else if (name === 'role') {
          this.role = value;
          this.seen |= A_ROLE;
        } else if (name === 'name') {
          this.name = value;
          this.seen |= A_NAME;
        } else if (name === 'lang') {
          this.lang = value;
          this.seen |= A_LANG;
        }
        break;
      case 5:
        if (name === 'class') {
          this.cls = value;
          this.seen |= A_CLASS;
        } else if (name === 'style') {
          this.style = value;
          this.seen |= A_STYLE;
        }
        break;
      case 6:
        if (name === 'hidden') this.seen |= A_HIDDEN;
        break;
      case 7:
        if (name === 'content') {
          this.content = value;
          this.seen |= A_CONTENT;
        }
        break;
      case 10:
        if (name === 'http-equiv') {
          this.httpEquiv = value;
          this.seen |= A_HTTP_EQUIV;
        }
        break;
      default:
        break;
    }
  }
}
