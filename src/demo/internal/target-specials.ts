/**
 * The target shop's special URLs: deleted products (404, 410), an internal 302 chain, a meta
 * refresh, print pages with an HTTP Link canonical, colour variants with a canonical tag, paths
 * robots.txt disallows, the bare host that 301s to www, and the expired domain's old URLs.
 */
import type { WebPlan } from './plan-web.js';
import type { Skeleton } from './skeleton.js';

export interface TargetSpecials {
  home: string;
  deleted404: string[];
  deleted410: string[];
  /** start → middle → end, each hop a 302. */
  chain: [string, string, string];
  metaRefresh: { url: string; to: string };
  print: { url: string; canonical: string }[];
  variants: { url: string; canonical: string }[];
  disallowed: string[];
  bare: string[];
  expired: string[];
}

/** Special URLs of the target, derived from its skeleton. */
export function targetSpecials(web: WebPlan, skeleton: Skeleton): TargetSpecials {
  const origin = `http://${web.target.site.host}`;
  const products = skeleton.pages.filter((pg) => pg.kind === 'product');
  const category = skeleton.pages.find((pg) => pg.kind === 'category');
  const expired = `http://${web.expired.site.host}`;
  return {
    home: `${origin}/`,
    deleted404: ['/p/classic-widget-2019', '/p/widget-mini-v1', '/p/gadget-pro-2018'].map((pth) => origin + pth),
    deleted410: [`${origin}/p/discontinued-sprocket`],
    chain: [`${origin}/sale-old`, `${origin}/promo/spring`, `${origin}/sale`],
    metaRefresh: { url: `${origin}/go/newsletter`, to: `${origin}/newsletter` },
    print: products.slice(0, 2).map((pg) => ({ url: `${origin}${pg.path}/print`, canonical: origin + pg.path })),
    variants: products.slice(0, 3).flatMap((pg) => ['red', 'blue'].map((c) => ({ url: `${origin}${pg.path}?color=${c}`, canonical: origin + pg.path }))),
    disallowed: [`${origin}/cart`, `${origin}/search?q=widgets&sort=price`, `${origin}/account/login`],
    bare: [`http://${web.targetBare.site.host}/`, `http://${web.targetBare.site.host}${category?.path ?? '/'}`],
    expired: [`${expired}/`, `${expired}/reviews/best-widgets-2014`, `${expired}/reviews/top-10-gadgets-2014`],
  };
}
