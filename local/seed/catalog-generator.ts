import { CATEGORY_TREE } from '../../functions/catalog/categories';
import {
  BOOK_TITLE_WORDS,
  CATEGORY_VOCABULARY,
  type CategoryVocabulary,
  CLOSING_SENTENCES,
  DEFAULT_TEMPLATE,
  type ProductKind,
} from './catalog-vocabulary';

/** A product as the catalog's create endpoint would hold it, in the API's field names. */
export interface GeneratedProduct {
  product_id: string;
  seller_id: string;
  title: string;
  description: string;
  /** Slug of a department or subcategory. */
  category: string;
  /** Major units, at most two decimals (49.99). */
  price: number;
  /** Set on about a fifth of products, always above `price`. */
  compare_at_price: number | null;
  currency: 'USD';
  /** Units available, 0–500. */
  stock: number;
  /** 1–3 https URLs. */
  images: string[];
  /** 0–5 with one decimal; 0 when there are no reviews. */
  avg_rating: number;
  review_count: number;
  /** ISO-8601, within the year before {@link CATALOG_EPOCH}. */
  created_at: string;
  /** ISO-8601, between `created_at` and {@link CATALOG_EPOCH}. */
  updated_at: string;
}

export interface GenerateCatalogOptions {
  count: number;
  /** Same seed, same catalog. */
  seed: number;
  /** Sellers to spread products over; a few sellers get most of them, as in a real marketplace. */
  sellerIds: readonly string[];
}

/** "Now" for generated timestamps, fixed so a seed always gives the same catalog. */
export const CATALOG_EPOCH = Date.UTC(2026, 0, 1);
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;
export const IMAGE_BASE_URL = 'https://images.bazaar.example';

/**
 * Generates `count` realistic products over every node of the category tree. Deterministic:
 * product `i` depends only on the seed and `i`, so a smaller count gives a prefix of a larger
 * one. A generator, so 100,000 products need not sit in memory at once.
 */
export function* generateCatalog(options: GenerateCatalogOptions): Generator<GeneratedProduct> {
  const { count, seed, sellerIds } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer: ${count}`);
  if (sellerIds.length === 0) throw new RangeError('sellerIds must name at least one seller');
  for (let index = 0; index < count; index++) yield generateProduct(seed, index, sellerIds);
}

/** Product number `index` of the catalog for `seed`. */
export function generateProduct(seed: number, index: number, sellerIds: readonly string[]): GeneratedProduct {
  const random = new Random(hash32(seed, index));
  const category = random.weighted(CATEGORY_WEIGHTS);
  const vocabulary = CATEGORY_VOCABULARY[category]!;
  const kind = random.pick(vocabulary.kinds);
  const brand = random.pick(kind.brands ?? vocabulary.brands);

  const priceCents = randomPriceCents(random, kind.price);
  const createdAt = CATALOG_EPOCH - Math.floor(random.next() * ONE_YEAR_MS);
  const updatedAt = random.chance(0.5)
    ? createdAt
    : createdAt + Math.floor(random.next() * (CATALOG_EPOCH - createdAt));
  const reviewCount = random.chance(0.12) ? 0 : Math.floor(Math.exp(random.next() * Math.log(5000)));
  const imageCount = random.int(1, 3);

  return {
    product_id: `prod_${ulidFor(createdAt, index, random)}`,
    seller_id: sellerIds[Math.floor(random.next() ** 2 * sellerIds.length)]!,
    title: composeTitle(random, kind, brand),
    description: composeDescription(random, vocabulary, kind, brand),
    category,
    price: priceCents / 100,
    compare_at_price: random.chance(0.2) ? compareAtCents(random, priceCents) / 100 : null,
    currency: 'USD',
    stock: randomStock(random),
    images: Array.from(
      { length: imageCount },
      (_, image) => `${IMAGE_BASE_URL}/${category}/${index * 3 + image + 1}.jpg`,
    ),
    avg_rating: reviewCount === 0 ? 0 : randomRating(random),
    review_count: reviewCount,
    created_at: new Date(createdAt).toISOString(),
    updated_at: new Date(updatedAt).toISOString(),
  };
}

// Subcategories carry most products; departments hold the odd general item.
const CATEGORY_WEIGHTS: ReadonlyArray<readonly [string, number]> = CATEGORY_TREE.flatMap((department) => [
  [department.slug, 1] as const,
  ...department.children.map((child) => [child.slug, 3] as const),
]);

function composeTitle(random: Random, kind: ProductKind, brand: string): string {
  const fill = (name: string): string => {
    switch (name) {
      case 'brand':
        return brand;
      case 'noun':
        return kind.noun;
      case 'model':
        return kind.hasModelCode && random.chance(0.6) ? modelCode(random) : '';
      case 'mods':
        return (kind.modifiers ?? [])
          .map((group) => (random.chance(0.6) ? random.pick(group) : ''))
          .filter((modifier) => modifier !== '')
          .join(' ');
      case 'variant':
        return kind.variants && random.chance(0.75) ? random.pick(kind.variants) : '';
      case 'bookTitle':
        return `${random.pick(BOOK_TITLE_WORDS.adjectives)} ${random.pick(BOOK_TITLE_WORDS.nouns)}`;
      default: {
        const slot = kind.slots?.[name];
        if (!slot) throw new Error(`template placeholder {${name}} has no words in kind "${kind.noun}"`);
        return random.pick(slot);
      }
    }
  };
  const raw = (kind.template ?? DEFAULT_TEMPLATE).replace(/\{(\w+)\}/g, (_, name: string) => fill(name));
  const title = raw.replace(/\s+/g, ' ').replace(/\s+,/g, ',').replace(/,\s*$/, '').trim();
  // Book titles open with "The" from their template or not at all.
  return kind.template?.startsWith('{bookTitle}') ? `The ${title}` : title;
}

function composeDescription(
  random: Random,
  vocabulary: CategoryVocabulary,
  kind: ProductKind,
  brand: string,
): string {
  const noun = lowerCaseNoun(kind.noun);
  const features = random.shuffled(kind.features);
  const subject = kind.collective
    ? `This ${kind.collective} of ${noun}`
    : random.chance(0.5)
      ? `The ${brand} ${noun}`
      : `This ${noun}`;
  const sentences = [`${subject} ${features[0]}.`];
  const wanted = random.int(2, 4);
  const second = features[1];
  if (second !== undefined && random.chance(0.8)) {
    sentences.push(second.startsWith('is ') ? `It is also ${second.slice(3)}.` : `It also ${second}.`);
  }
  if (features[2] !== undefined && wanted === 4) sentences.push(`And it ${features[2]}.`);
  const closings = random.shuffled(CLOSING_SENTENCES);
  for (const closing of closings) {
    if (sentences.length >= wanted) break;
    sentences.push(closing.replace('{audience}', random.pick(vocabulary.audiences)));
  }
  return sentences.join(' ');
}

const lowerCaseNouns = new Map<string, string>();

/** "USB Hub" → "USB hub", "Coffee Maker" → "coffee maker": acronyms keep their case. */
function lowerCaseNoun(noun: string): string {
  let lowered = lowerCaseNouns.get(noun);
  if (lowered === undefined) {
    lowered = noun
      .split(' ')
      .map((word) => (/^[A-Z][a-z]/.test(word) ? word[0]!.toLowerCase() + word.slice(1) : word))
      .join(' ');
    lowerCaseNouns.set(noun, lowered);
  }
  return lowered;
}

const MODEL_LETTERS = 'ABCDEFGHKLMNPRSTVWXZ';
const MODEL_SUFFIXES = ['', '', '', 'XM5', 'Pro', 'S', 'II', 'X', 'Max'];

/** A model code in the style of "WH-1000XM5". */
function modelCode(random: Random): string {
  const letter = () => MODEL_LETTERS[Math.floor(random.next() * MODEL_LETTERS.length)]!;
  const letters = letter() + letter();
  return `${letters}-${random.int(10, 9999)}${random.pick(MODEL_SUFFIXES)}`;
}

/** Log-uniform within the band (cheap things are commoner), with shop-like endings. */
function randomPriceCents(random: Random, [min, max]: readonly [number, number]): number {
  const dollars = Math.floor(Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min))));
  const ending = random.weighted(PRICE_ENDINGS);
  // A whole-dollar price ends in .00; otherwise the dollars before the ending are one fewer.
  return ending === 0 ? dollars * 100 : Math.max(0, dollars - 1) * 100 + ending;
}

const PRICE_ENDINGS: ReadonlyArray<readonly [number, number]> = [
  [99, 70],
  [49, 8],
  [95, 7],
  [0, 15],
];

/** 10–60% above the price, ending in .99. */
function compareAtCents(random: Random, priceCents: number): number {
  const raised = Math.ceil((priceCents * (1.1 + random.next() * 0.5)) / 100) * 100 - 1;
  return Math.max(raised, priceCents + 100);
}

function randomStock(random: Random): number {
  const roll = random.next();
  if (roll < 0.08) return 0;
  if (roll < 0.18) return random.int(1, 10);
  return random.int(11, 500);
}

/** Skewed towards 4–5 stars as marketplace ratings are; one decimal. */
function randomRating(random: Random): number {
  const rating = 4.3 + random.normal() * 0.55;
  return Math.round(Math.min(5, Math.max(1, rating)) * 10) / 10;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID whose time is the product's creation time. Its random part starts with the product's
 * index, so ids are unique within a catalog without relying on luck.
 */
function ulidFor(timeMs: number, index: number, random: Random): string {
  let time = '';
  let remaining = timeMs;
  for (let position = 0; position < 10; position++) {
    time = CROCKFORD[remaining % 32]! + time;
    remaining = Math.floor(remaining / 32);
  }
  let unique = '';
  let value = index;
  for (let position = 0; position < 7; position++) {
    unique = CROCKFORD[value % 32]! + unique;
    value = Math.floor(value / 32);
  }
  let noise = '';
  for (let position = 0; position < 9; position++) noise += CROCKFORD[Math.floor(random.next() * 32)]!;
  return time + unique + noise;
}

/** Mixes a seed and an index into one well-spread 32-bit state. */
function hash32(seed: number, index: number): number {
  let hash = Math.imul(Math.trunc(seed) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  hash = Math.imul(hash ^ (hash >>> 16), 0x7feb352d);
  hash = Math.imul(hash ^ (hash >>> 15), 0x846ca68b);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** mulberry32: tiny, fast and good enough for test data; never Math.random. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }

  /** Standard normal, by Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
