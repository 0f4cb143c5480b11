/**
 * Filler prose for demo pages: small topic word banks and sentence templates, so that pages read
 * like pages (and anchors sit inside sentences that give them context). ASCII only, so that any
 * page can also be written in windows-1252.
 */
import type { Rng } from './prng.js';

export type Topic =
  | 'shop'
  | 'news'
  | 'academic'
  | 'gov'
  | 'garden'
  | 'cooking'
  | 'travel'
  | 'tech'
  | 'cycling'
  | 'photo'
  | 'diy'
  | 'finance'
  | 'seo';

interface Bank {
  nouns: readonly string[];
  adjectives: readonly string[];
  verbs: readonly string[];
}

const BANKS: Record<Topic, Bank> = {
  shop: { nouns: ['widget', 'gadget', 'sprocket', 'toolkit', 'bundle', 'order', 'parcel', 'voucher', 'catalogue', 'warranty', 'checkout', 'discount'], adjectives: ['sturdy', 'compact', 'affordable', 'premium', 'lightweight', 'durable', 'handy', 'modular'], verbs: ['ships', 'fits', 'lasts', 'arrives', 'works', 'replaces', 'upgrades', 'includes'] },
  news: { nouns: ['council', 'market', 'report', 'survey', 'retailer', 'economy', 'region', 'minister', 'budget', 'community', 'festival', 'harbour'], adjectives: ['local', 'annual', 'unexpected', 'national', 'cautious', 'record', 'quarterly', 'independent'], verbs: ['announced', 'reported', 'confirmed', 'warned', 'welcomed', 'revealed', 'approved', 'expected'] },
  academic: { nouns: ['study', 'laboratory', 'lecture', 'student', 'faculty', 'seminar', 'thesis', 'grant', 'experiment', 'library', 'curriculum', 'campus'], adjectives: ['peer-reviewed', 'doctoral', 'applied', 'experimental', 'interdisciplinary', 'introductory', 'advanced', 'open'], verbs: ['examines', 'measures', 'explores', 'supports', 'publishes', 'funds', 'teaches', 'models'] },
  gov: { nouns: ['regulation', 'standard', 'consumer', 'licence', 'inspection', 'guidance', 'register', 'complaint', 'retailer', 'safety notice', 'consultation', 'office'], adjectives: ['statutory', 'public', 'registered', 'revised', 'official', 'mandatory', 'voluntary', 'regional'], verbs: ['requires', 'publishes', 'reviews', 'enforces', 'lists', 'updates', 'protects', 'advises'] },
  garden: { nouns: ['tomato', 'seedling', 'compost', 'raised bed', 'hedge', 'trowel', 'greenhouse', 'bulb', 'lawn', 'pot', 'mulch', 'orchard'], adjectives: ['leafy', 'early', 'hardy', 'shady', 'fragrant', 'overgrown', 'tidy', 'seasonal'], verbs: ['grows', 'blooms', 'needs', 'thrives', 'wilts', 'spreads', 'ripens', 'survives'] },
  cooking: { nouns: ['sourdough', 'skillet', 'broth', 'recipe', 'oven', 'spice rack', 'pastry', 'risotto', 'knife', 'pantry', 'marinade', 'stew'], adjectives: ['crispy', 'slow-cooked', 'tangy', 'golden', 'homemade', 'smoky', 'simple', 'hearty'], verbs: ['simmers', 'bakes', 'rests', 'tastes', 'rises', 'browns', 'thickens', 'keeps'] },
  travel: { nouns: ['itinerary', 'hostel', 'ferry', 'backpack', 'border', 'museum', 'trail', 'station', 'guidebook', 'harbour', 'market', 'village'], adjectives: ['remote', 'crowded', 'scenic', 'cheap', 'overnight', 'coastal', 'historic', 'quiet'], verbs: ['leaves', 'costs', 'opens', 'winds', 'connects', 'surprises', 'fills', 'closes'] },
  tech: { nouns: ['laptop', 'router', 'firmware', 'keyboard', 'battery', 'server', 'update', 'charger', 'monitor', 'sensor', 'cable', 'benchmark'], adjectives: ['wireless', 'refurbished', 'fast', 'noisy', 'open-source', 'portable', 'reliable', 'budget'], verbs: ['boots', 'crashes', 'charges', 'streams', 'syncs', 'overheats', 'scales', 'compiles'] },
  cycling: { nouns: ['saddle', 'chain', 'climb', 'gear', 'helmet', 'tyre', 'route', 'frame', 'pannier', 'descent', 'puncture', 'cadence'], adjectives: ['steep', 'gravel', 'windy', 'smooth', 'long', 'muddy', 'early', 'tubeless'], verbs: ['rolls', 'climbs', 'slips', 'grips', 'rattles', 'shifts', 'holds', 'wears'] },
  photo: { nouns: ['lens', 'tripod', 'shutter', 'sunset', 'portrait', 'sensor', 'exposure', 'filter', 'print', 'darkroom', 'histogram', 'aperture'], adjectives: ['sharp', 'grainy', 'wide', 'moody', 'manual', 'vintage', 'bright', 'long'], verbs: ['captures', 'blurs', 'focuses', 'frames', 'softens', 'reveals', 'flares', 'exposes'] },
  diy: { nouns: ['drill', 'shelf', 'bracket', 'workbench', 'sander', 'hinge', 'plank', 'clamp', 'screw', 'paint', 'tile', 'joint'], adjectives: ['level', 'rough', 'solid', 'flush', 'reclaimed', 'cordless', 'tricky', 'square'], verbs: ['holds', 'splits', 'drills', 'fits', 'sands', 'bends', 'clamps', 'sticks'] },
  finance: { nouns: ['budget', 'savings', 'invoice', 'pension', 'loan', 'receipt', 'fund', 'spreadsheet', 'bill', 'rate', 'account', 'expense'], adjectives: ['monthly', 'fixed', 'hidden', 'sensible', 'frugal', 'variable', 'yearly', 'careful'], verbs: ['grows', 'drops', 'adds up', 'pays', 'saves', 'covers', 'tracks', 'shrinks'] },
  seo: { nouns: ['ranking', 'backlink', 'keyword', 'directory', 'listing', 'resource', 'site', 'partner', 'traffic', 'authority', 'submission', 'niche'], adjectives: ['top', 'free', 'best', 'trusted', 'quality', 'instant', 'powerful', 'premium'], verbs: ['boosts', 'ranks', 'helps', 'brings', 'lists', 'grows', 'improves', 'delivers'] },
};

const OPENERS = ['Honestly,', 'Last week', 'In my experience', 'As always,', 'This spring', 'Once again', 'By the way,', 'For what it is worth,', 'Meanwhile', 'In short,'];

const TEMPLATES: readonly ((b: Bank, rng: Rng) => string)[] = [
  (b, r) => `The ${r.pick(b.adjectives)} ${r.pick(b.nouns)} ${r.pick(b.verbs)} better than the old ${r.pick(b.nouns)}.`,
  (b, r) => `${r.pick(OPENERS)} the ${r.pick(b.nouns)} ${r.pick(b.verbs)} when the ${r.pick(b.nouns)} is ${r.pick(b.adjectives)}.`,
  (b, r) => `Nobody expected a ${r.pick(b.adjectives)} ${r.pick(b.nouns)} to matter this much.`,
  (b, r) => `We compared every ${r.pick(b.nouns)} we could find, and the ${r.pick(b.adjectives)} one ${r.pick(b.verbs)} every time.`,
  (b, r) => `A ${r.pick(b.adjectives)} ${r.pick(b.nouns)} and a ${r.pick(b.adjectives)} ${r.pick(b.nouns)} are not the same thing.`,
  (b, r) => `The question is whether the ${r.pick(b.nouns)} really ${r.pick(b.verbs)} in practice.`,
  (b, r) => `It took three tries before the ${r.pick(b.nouns)} ${r.pick(b.verbs)} the way it should.`,
  (b, r) => `Readers keep asking about the ${r.pick(b.nouns)}, so here is a ${r.pick(b.adjectives)} summary.`,
];

/** One sentence on the topic. */
export function sentence(rng: Rng, topic: Topic): string {
  return rng.pick(TEMPLATES)(BANKS[topic], rng);
}

/** A paragraph of n sentences. */
export function paragraph(rng: Rng, topic: Topic, n = rng.int(3, 5)): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rng, topic));
  return out.join(' ');
}

/** A title-cased headline. */
export function headline(rng: Rng, topic: Topic): string {
  const b = BANKS[topic];
  const forms = [
    () => `Why the ${rng.pick(b.adjectives)} ${rng.pick(b.nouns)} ${rng.pick(b.verbs)}`,
    () => `${rng.int(3, 12)} ${rng.pick(b.adjectives)} ${rng.pick(b.nouns)} ideas`,
    () => `A guide to the ${rng.pick(b.nouns)} and the ${rng.pick(b.nouns)}`,
    () => `What I learned from a ${rng.pick(b.adjectives)} ${rng.pick(b.nouns)}`,
    () => `The ${rng.pick(b.nouns)} that ${rng.pick(b.verbs)}`,
    () => `Notes on the ${rng.pick(b.adjectives)} ${rng.pick(b.nouns)}`,
  ];
  const text = rng.pick(forms)();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A URL slug: lower-case ASCII words joined by hyphens. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A noun of the topic (for product names and such). */
export function noun(rng: Rng, topic: Topic): string {
  return rng.pick(BANKS[topic].nouns);
}

/** An adjective of the topic. */
export function adjective(rng: Rng, topic: Topic): string {
  return rng.pick(BANKS[topic].adjectives);
}

/** Text before and after a link inside one sentence, for the given purpose. */
export function linkContext(rng: Rng, purpose: 'shop' | 'cite' | 'friend' | 'spam' | 'paid'): [string, string] {
  const forms: Record<typeof purpose, readonly [string, string][]> = {
    shop: [
      ['I ordered mine from ', ' and it arrived two days later.'],
      ['If you need spare parts, ', ' had everything in stock when I checked.'],
      ['My neighbour swears by ', ', and after a month I understand why.'],
      ['A reader pointed me to ', ' for the replacement kit.'],
      ['Prices vary a lot; ', ' was the cheapest this week.'],
    ],
    cite: [
      ['According to ', ', the numbers have held steady since last year.'],
      ['There is a good overview at ', ' if you want the details.'],
      ['The background is explained in ', '.'],
      ['See also ', ' for the official figures.'],
    ],
    friend: [
      ['My friend writes about this at ', ' and it is worth a read.'],
      ['For a different take, try ', '.'],
      ['I first read about it on ', '.'],
    ],
    spam: [
      ['Looking for deals? ', ' is the place.'],
      ['Great post! Check out ', ' for more.'],
      ['We recommend ', ' to every reader.'],
    ],
    paid: [
      ['Our partner ', ' has a limited offer for readers this month.'],
      ['Shoppers who want value should look at ', ' first.'],
      ['This season, ', ' is where savvy buyers go.'],
    ],
  };
  return rng.pick(forms[purpose]);
}
